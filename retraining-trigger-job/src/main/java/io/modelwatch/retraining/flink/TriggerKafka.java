package io.modelwatch.retraining.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.DeadLetterSerializationSchema;
import io.modelwatch.common.flink.KafkaConnector;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.rules.RuleSetRecord;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The trigger job's Kafka topics: reports and rule sets in; audit records and dead letters out, exactly once. */
public record TriggerKafka(KafkaConnector connector) {

    /** Reports from the group's committed offsets, reading only committed transactions (the monitoring job writes them exactly once). */
    public KafkaSourceBuilder<ReportEnvelope> reportSource(String topic) {
        return connector.sourceBuilder(topic, ReportEnvelope::read, ReportEnvelope.class);
    }

    /**
     * Rule sets from the compacted rules topic, each validated as it is read (docs/RULES-TOPIC.md):
     * the whole topic on a fresh start, from the checkpointed offset after a restore.
     */
    public KafkaSource<RuleSetRecord> rulesSource(String topic) {
        return connector.controlSource(topic, RuleSetRecord::decode, RuleSetRecord.class);
    }

    /** Keyed by idempotency key, so every record of one decision lands in one partition. */
    public void writeAudit(DataStream<AuditRecord> records, String topic) {
        records.sinkTo(connector.sink(topic, topic, new IdempotencyKeys(), new AuditRecordSerializationSchema()))
                .name("retraining events").uid("retraining-events-sink");
    }

    public void writeDeadLetters(DataStream<DeadLetter> deadLetters, String topic) {
        deadLetters.sinkTo(connector.sink(topic, topic, null, new DeadLetterSerializationSchema()))
                .name("dead letters").uid("dead-letter-sink");
    }
}
