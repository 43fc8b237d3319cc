package io.modelwatch.monitoring.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each Kafka record in the source, with its topic, partition and offset, so that a bad
 * record's dead letter points at it and watermarks come from the events, per partition.
 */
public final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<IncomingEvent> {
    private static final long serialVersionUID = 1L;

    private final EventDecoder decoder;

    public KafkaEventDeserializer(EventDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IncomingEvent> out) {
        out.collect(decoder.decode(record.topic(), record.partition(), record.offset(), record.value()));
    }

    @Override
    public TypeInformation<IncomingEvent> getProducedType() {
        return TypeInformation.of(IncomingEvent.class);
    }
}
