package io.modelwatch.common.flink;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Output records stamped with the time they are written, not with the event time of what they
 * describe: Kafka's time-based retention reads record timestamps, so a report of a replayed window
 * from last month would otherwise be deleted as soon as the broker's retention check runs. The
 * window's times stay in the payload (docs/ARCHITECTURE.md section 5).
 *
 * @param key null for records without a key
 */
public record WriteTimeRecords<T>(String topic, SerializationSchema<T> key, SerializationSchema<T> value)
        implements KafkaRecordSerializationSchema<T> {

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
        if (key != null) {
            key.open(context);
        }
        value.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long eventTime) {
        // A null timestamp lets the producer stamp the record with the current time.
        return new ProducerRecord<>(topic, null, null, key == null ? null : key.serialize(element),
                value.serialize(element));
    }
}
