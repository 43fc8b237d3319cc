package io.modelwatch.retraining;

import static io.modelwatch.retraining.report.TestReports.jsonLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.flink.TriggerKafka;
import io.modelwatch.retraining.flink.TriggerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
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

    private static KafkaClusterTestKit kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(REPORTS, 2, (short) 1), new NewTopic(EVENTS, 1, (short) 1),
                    new NewTopic(DEAD_LETTERS, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void committedReportsBecomeAuditRecordsAndABadReportADeadLetterWhileAbortedReportsAreNeverSeen() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer()) {
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
        TriggerKafka endpoints = new TriggerKafka(kafka.bootstrapServers(), new Properties(), false);

        RetrainingTriggerJob.defineWorkflow(env,
                endpoints.reportSource(REPORTS, "trigger-test").setBounded(OffsetsInitializer.latest()).build(),
                new TriggerSettings(RetrainingTriggerJobTest.RULES, Duration.ofMinutes(10), Duration.ofMinutes(1)),
                DeliverySettings.defaults(),
                audit -> endpoints.writeAudit(audit, EVENTS),
                deadLetters -> endpoints.writeDeadLetters(deadLetters, DEAD_LETTERS));
        env.execute("trigger between Kafka topics");

        List<JsonNode> events = readAll(EVENTS, 1);
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
        List<JsonNode> deadLetters = readAll(DEAD_LETTERS, 1);
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.get("source_topic").asText()).isEqualTo(REPORTS);
            assertThat(letter.get("offset").asLong()).isEqualTo(1);
            assertThat(letter.get("error").asText()).isEqualTo("model_version: is required");
            assertThat(letter.get("payload").asText()).isEqualTo("{\"model\": \"credit\"}");
        });
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String key, String value) {
        // One key per model: the monitoring job keeps a model's reports in one partition, in order.
        producer.send(new ProducerRecord<>(REPORTS, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("transactional.id", "monitoring-job-test");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads the topic with read_committed until {@code expected} records came and a further poll brings nothing. */
    private static List<JsonNode> readAll(String topic, int expected) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "reader-" + topic);
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        List<JsonNode> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean quiet = false;
            while (System.nanoTime() < deadline && !(records.size() >= expected && quiet)) {
                int before = records.size();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(JSON.readTree(record.value()));
                }
                quiet = records.size() == before;
            }
        }
        return records;
    }
}
