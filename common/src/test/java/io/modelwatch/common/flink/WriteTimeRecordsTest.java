package io.modelwatch.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Output records carry no timestamp of their own, so the producer stamps them when it sends them:
 * under CreateTime a report of a replayed month-old window must not look month-old to Kafka's
 * retention (deploy/kafka/topics.conf sets LogAppendTime as well; the end-to-end test replays
 * 45-day-old events against that).
 */
class WriteTimeRecordsTest {
    private static final long MONTH_AGO = Instant.now().minus(Duration.ofDays(45)).toEpochMilli();

    @Test
    void aRecordOfOldEventTimeIsLeftForTheProducerToStamp() {
        WriteTimeRecords<String> records = new WriteTimeRecords<>("model-window-reports", new SimpleStringSchema(),
                new SimpleStringSchema());

        ProducerRecord<byte[], byte[]> record = records.serialize("report", null, MONTH_AGO);

        assertThat(record.timestamp()).isNull();
        assertThat(record.topic()).isEqualTo("model-window-reports");
        assertThat(record.partition()).isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("report");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("report");
    }

    @Test
    void aRecordWithoutKeySchemaHasNoKey() {
        WriteTimeRecords<String> records = new WriteTimeRecords<>("monitoring-dead-letter", null, new SimpleStringSchema());

        ProducerRecord<byte[], byte[]> record = records.serialize("dead letter", null, MONTH_AGO);

        assertThat(record.key()).isNull();
        assertThat(record.timestamp()).isNull();
    }
}
