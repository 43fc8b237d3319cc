package io.modelwatch.common.flink;

import io.modelwatch.common.control.ControlDecoder;
import io.modelwatch.common.control.ControlRecord;
import io.modelwatch.common.decode.DecodedRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.flink.util.Collector;

/** Decodes each record of a control topic with its key, headers, Kafka timestamp and coordinates; a null value is a tombstone. */
public final class ControlTopicRecords<T extends DecodedRecord> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final ControlDecoder<T> decoder;
    private final Class<T> type;

    public ControlTopicRecords(ControlDecoder<T> decoder, Class<T> type) {
        this.decoder = decoder;
        this.type = type;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        out.collect(decoder.decode(ControlRecord.of(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value(), headers(record))));
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> text = new HashMap<>();
        for (Header header : record.headers()) {
            text.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return text;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
