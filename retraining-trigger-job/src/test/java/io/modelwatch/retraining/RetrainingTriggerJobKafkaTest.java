package io.modelwatch.retraining;

import static io.modelwatch.retraining.report.TestReports.jsonLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.flink.TriggerKafka;
import io.modelwatch.retraining.flink.TriggerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job between real Kafka topics: reports in, audit records and dead letters out. */
class RetrainingTriggerJobKafkaTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String REPORTS = "model-window-reports";
    private static final String EVENTS = "retraining-events";
    private static final String DEAD_LETTERS = "retraining-dead-letter";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestKafka.start();
        kafka.createTopics(REPORTS + ":2", EVENTS, DEAD_LETTERS);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void committedReportsBecomeAuditRecordsAndABadReportADeadLetterWhileAbortedReportsAreNeverSeen() throws Exception {
        Properties transactional = new Properties();
        transactional.put("transactional.id", "monitoring-job-test");
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, "credit", jsonLine("credit", "v3", 1, 0.3));
            send(producer, "credit", "{\"model\": \"credit\"}");
            send(producer, "credit", jsonLine("credit", "v3", 2, 0.3));
            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, "churn", jsonLine("churn", "v1", 1, 0.3));
            send(producer, "churn", jsonLine("churn", "v1", 2, 0.3));
            producer.flush();
            producer.abortTransaction();
        }
        StreamExecutionEnvironment env = RetrainingTriggerJobTest.environment();
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        TriggerKafka endpoints = kafka.endpoints("trigger-test");

        RetrainingTriggerJob.defineWorkflow(env,
                endpoints.reportSource(REPORTS).setBounded(OffsetsInitializer.latest()).build(),
                new TriggerSettings(RetrainingTriggerJobTest.RULES, Duration.ofMinutes(10), Duration.ofMinutes(1)),
                DeliverySettings.defaults(),
                audit -> endpoints.writeAudit(audit, EVENTS),
                deadLetters -> endpoints.writeDeadLetters(deadLetters, DEAD_LETTERS));
        env.execute("trigger between Kafka topics");

        List<JsonNode> events = kafka.readAll(EVENTS, 1);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.get("kind").asText()).isEqualTo("decision");
            assertThat(event.get("model").asText()).isEqualTo("credit");
            assertThat(event.get("model_version").asText()).isEqualTo("v3");
            assertThat(event.get("rule").asText()).isEqualTo("drift");
            assertThat(event.get("severity").asText()).isEqualTo("critical");
            assertThat(event.get("window_end").asText()).isEqualTo("2026-11-28T00:10:00Z");
            assertThat(event.get("metrics")).isEqualTo(JSON.readTree("{\"max_psi\": 0.3}"));
            assertThat(event.get("idempotency_key").asText()).startsWith("mw-credit-v3-drift-20261128T001000Z-");
        });
        List<JsonNode> deadLetters = kafka.readAll(DEAD_LETTERS, 1);
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.get("source_topic").asText()).isEqualTo(REPORTS);
            assertThat(letter.get("offset").asLong()).isEqualTo(1);
            assertThat(letter.get("error").asText()).isEqualTo("model_version: is required");
            assertThat(letter.get("payload").asText()).isEqualTo("{\"model\": \"credit\"}");
        });
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String key, String value) {
        // One key per model: the monitoring job keeps a model's reports in one partition, in order.
        producer.send(TestKafka.record(REPORTS, key, value));
    }
}
