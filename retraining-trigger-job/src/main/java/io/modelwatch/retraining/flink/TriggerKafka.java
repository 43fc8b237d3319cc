package io.modelwatch.retraining.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.DeadLetterSerializationSchema;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.report.ReportEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The trigger job's Kafka source and sinks.
 *
 * @param properties passed to every consumer and producer (security settings and the like)
 * @param exactlyOnce transactional sinks, committed on checkpoints (needs checkpointing)
 */
public record TriggerKafka(String bootstrapServers, Properties properties, boolean exactlyOnce) {
    /** The broker's default {@code transaction.max.timeout.ms}; a longer producer timeout is refused. */
    private static final String TRANSACTION_TIMEOUT_MS = "900000";

    /**
     * Reports from the committed offsets of {@code groupId} (the earliest when it has none), reading
     * only committed transactions, since the monitoring job writes reports exactly once.
     */
    public KafkaSourceBuilder<ReportEnvelope> reportSource(String topic, String groupId) {
        return KafkaSource.<ReportEnvelope>builder()
                .setBootstrapServers(bootstrapServers)
                .setProperties(properties)
                .setProperty("isolation.level", "read_committed")
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new ReportEnvelopeDeserializer());
    }

    public void writeAudit(DataStream<AuditRecord> records, String topic) {
        records.sinkTo(auditSink(topic)).name("retraining events").uid("retraining-events-sink");
    }

    public void writeDeadLetters(DataStream<DeadLetter> deadLetters, String topic) {
        deadLetters.sinkTo(deadLetterSink(topic)).name("dead letters").uid("dead-letter-sink");
    }

    /** Audit records keyed by idempotency key, so every record of one decision lands in one partition. */
    private KafkaSink<AuditRecord> auditSink(String topic) {
        SerializationSchema<AuditRecord> key = record -> record.idempotencyKey().getBytes(StandardCharsets.UTF_8);
        return sink(topic, KafkaRecordSerializationSchema.<AuditRecord>builder()
                .setTopic(topic)
                .setKeySerializationSchema(key)
                .setValueSerializationSchema(new AuditRecordSerializationSchema())
                .build());
    }

    private KafkaSink<DeadLetter> deadLetterSink(String topic) {
        return sink(topic, KafkaRecordSerializationSchema.<DeadLetter>builder()
                .setTopic(topic)
                .setValueSerializationSchema(new DeadLetterSerializationSchema())
                .build());
    }

    private <T> KafkaSink<T> sink(String topic, KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = new Properties();
        producer.putAll(properties);
        if (exactlyOnce) {
            producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        }
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix("modelwatch-trigger-" + topic)
                .build();
    }
}
