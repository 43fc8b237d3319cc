package io.modelwatch.common.flink;

import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.decode.RecordDecoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each Kafka record in the source, with its topic, partition and offset, so that a bad
 * record's dead letter points at it and watermarks come from the events (or labels), per partition.
 */
public final class DecodedKafkaRecords<T extends DecodedRecord> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final RecordDecoder<T> decoder;
    private final Class<T> type;

    public DecodedKafkaRecords(RecordDecoder<T> decoder, Class<T> type) {
        this.decoder = decoder;
        this.type = type;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        out.collect(decoder.decode(record.topic(), record.partition(), record.offset(), record.value()));
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
