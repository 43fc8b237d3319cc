package io.modelwatch.retraining;

import static io.modelwatch.retraining.RecordingServer.status;
import static io.modelwatch.retraining.report.TestReports.end;
import static io.modelwatch.retraining.report.TestReports.jsonLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.retraining.action.DecisionJson;
import io.modelwatch.retraining.action.RetryPolicy;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.IdempotencyKey;
import io.modelwatch.retraining.decision.Severity;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.report.TestReports;
import io.modelwatch.retraining.flink.TriggerKafka;
import io.modelwatch.retraining.flink.TriggerSettings;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job with its actions: reports from Kafka, deliveries to local HTTP servers, audit and dead letters to Kafka. */
class RetrainingTriggerJobDeliveryTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBHOOK_SECRET =
            "whsec_" + Base64.getEncoder().encodeToString("delivery-test-key".getBytes(StandardCharsets.UTF_8));
    /** 3 attempts 50 ms apart, 1 s each, 2 s per delivery: the slow server's 10 s never come. */
    private static final DeliverySettings DELIVERY = new DeliverySettings(8, 4, Duration.ofSeconds(1),
            Duration.ofSeconds(2), new RetryPolicy(3, Duration.ofMillis(50), 1.0, Duration.ofMillis(50),
            RetryPolicy.Jitter.NONE));
    /** One attempt outlasts any answer the tests hold back, so a held delivery stays in flight, not retried. */
    private static final DeliverySettings PATIENT_DELIVERY = new DeliverySettings(8, 4, Duration.ofSeconds(30),
            Duration.ofSeconds(60), DELIVERY.retry());

    private static TestKafka kafka;

    @TempDir
    Path dir;

    /** Airflow 3: a token, then every DAG run accepted. */
    private final RecordingServer airflowAnswers = new RecordingServer((request, earlier) ->
            request.getTarget().equals("/auth/token") ? status(201, "{\"access_token\": \"jwt\"}") : status(200, "{}"));
    /** A webhook receiver that is unavailable twice for each message, then takes it. */
    private final RecordingServer flakyAnswers = new RecordingServer((request, earlier) ->
            earlier < 2 ? status(503, "busy") : status(200, ""));
    private final RecordingServer slowAnswers = new RecordingServer((request, earlier) ->
            new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).build());

    @StartStop
    private final MockWebServer airflow = new MockWebServer();
    @StartStop
    private final MockWebServer flaky = new MockWebServer();
    @StartStop
    private final MockWebServer slow = new MockWebServer();
    @StartStop
    private final MockWebServer hook = new MockWebServer();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void decisionsReachTheirTargetsRetriedWithTheSameKeyWhileDownAndSlowTargetsAreDeadLetteredAndTheJobCarriesOn()
            throws Exception {
        airflow.setDispatcher(airflowAnswers);
        flaky.setDispatcher(flakyAnswers);
        slow.setDispatcher(slowAnswers);
        kafka.createTopics("reports-1", "events-1", "dead-letters-1");
        kafka.send("reports-1", "m", List.of(jsonLine("m", "v1", 1, 0.3), jsonLine("m", "v1", 2, 0.3)));
        String rules = """
                rules:
                  - {name: retrain, when: max_psi >= 0.2, severity: critical, actions: [airflow, hook]}
                  - {name: page, when: max_psi >= 0.2, severity: warning, actions: [down, slow]}
                actions:
                  airflow: {type: airflow, url: "%s", dag_id: retrain_model, api: v2,
                            username_file: "%s", password_file: "%s"}
                  hook: {type: webhook, url: "%s", secret_file: "%s"}
                  down: {type: webhook, url: "http://127.0.0.1:%d/hook", secret_file: "%s"}
                  slow: {type: webhook, url: "%s", secret_file: "%s"}
                """.formatted(airflow.url("/"), secretFile("user", "af-user"), secretFile("password", "af-password"),
                flaky.url("/hook"), secretFile("hook", WEBHOOK_SECRET), closedPort(), secretFile("hook", WEBHOOK_SECRET),
                slow.url("/hook"), secretFile("hook", WEBHOOK_SECRET));
        StreamExecutionEnvironment env = RetrainingTriggerJobTest.environment();
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        TriggerKafka endpoints = kafka.endpoints("delivery-test");

        RetrainingTriggerJob.defineWorkflow(env,
                endpoints.reportSource("reports-1").setBounded(OffsetsInitializer.latest()).build(),
                new TriggerSettings(rules, Duration.ofMinutes(10), Duration.ofMinutes(1)), DELIVERY,
                audit -> endpoints.writeAudit(audit, "events-1"),
                deadLetters -> endpoints.writeDeadLetters(deadLetters, "dead-letters-1"));
        env.execute("trigger with deliveries");

        // Both rules fire on both windows: 4 decisions, 2 x 2 deliveries of "retrain" and 2 x 2 of "page".
        String retrain1 = IdempotencyKey.of("m", "v1", "retrain", end(1));
        String retrain2 = IdempotencyKey.of("m", "v1", "retrain", end(2));
        String page1 = IdempotencyKey.of("m", "v1", "page", end(1));
        String page2 = IdempotencyKey.of("m", "v1", "page", end(2));
        List<JsonNode> events = kafka.readAll("events-1", 12);
        assertThat(events).filteredOn(e -> e.get("kind").asText().equals("decision"))
                .extracting(e -> e.get("idempotency_key").asText())
                .containsExactlyInAnyOrder(retrain1, retrain2, page1, page2);
        List<JsonNode> deliveries = events.stream().filter(e -> e.get("kind").asText().equals("delivery")).toList();
        assertThat(deliveries).filteredOn(e -> !e.get("action").asText().equals("slow"))
                .extracting(e -> e.get("idempotency_key").asText(), e -> e.get("action").asText(),
                        e -> e.get("target_type").asText(), e -> e.get("outcome").asText(), e -> e.get("attempts").asInt())
                .containsExactlyInAnyOrder(
                        tuple(retrain1, "airflow", "airflow", "delivered", 1),
                        tuple(retrain2, "airflow", "airflow", "delivered", 1),
                        tuple(retrain1, "hook", "webhook", "delivered", 3),
                        tuple(retrain2, "hook", "webhook", "delivered", 3),
                        tuple(page1, "down", "webhook", "retries_exhausted", 3),
                        tuple(page2, "down", "webhook", "retries_exhausted", 3));
        // Each attempt times out after 1 s and the delivery's 2 s limit cuts the series short: usually after
        // the second attempt, but how many started before the limit depends on scheduling on a busy machine.
        List<JsonNode> slowDeliveries = deliveries.stream().filter(e -> e.get("action").asText().equals("slow")).toList();
        assertThat(slowDeliveries).extracting(e -> e.get("idempotency_key").asText(), e -> e.get("outcome").asText())
                .containsExactlyInAnyOrder(tuple(page1, "timed_out"), tuple(page2, "timed_out"));
        assertThat(slowDeliveries).allSatisfy(e -> {
            assertThat(e.get("attempts").asInt()).isBetween(1, 3);
            assertThat(e.get("detail").asText()).startsWith("no final answer within 2000 ms");
        });

        assertThat(flakyAnswers.requests()).extracting(r -> r.getHeaders().get("webhook-id"))
                .containsExactlyInAnyOrder(retrain1, retrain1, retrain1, retrain2, retrain2, retrain2);
        assertThat(airflowAnswers.requests()).filteredOn(r -> r.getTarget().endsWith("/dagRuns"))
                .extracting(r -> json(r).get("dag_run_id").asText())
                .containsExactlyInAnyOrder(retrain1, retrain2);

        List<JsonNode> deadLetters = kafka.readAll("dead-letters-1", 4);
        assertThat(deadLetters).extracting(d -> d.get("source_topic").asText(), d -> json(d.get("payload").asText())
                        .get("idempotency_key").asText())
                .containsExactlyInAnyOrder(tuple("action:down", page1), tuple("action:down", page2),
                        tuple("action:slow", page1), tuple("action:slow", page2));
        assertThat(deadLetters).filteredOn(d -> d.get("source_topic").asText().equals("action:down"))
                .extracting(d -> d.get("error").asText())
                .containsOnly("retries_exhausted after 3 attempts (webhook down): no response: ConnectException");
        assertThat(deadLetters).filteredOn(d -> d.get("source_topic").asText().equals("action:slow"))
                .extracting(d -> d.get("error").asText())
                .allMatch(error -> error.matches("timed_out after [123] attempts? \\(webhook slow\\): no final answer within 2000 ms.*"));
        assertThat(events.toString() + deadLetters).doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()), "af-password");
    }

    @Test
    void afterAFailureTheJobResumesFromItsCheckpointLosingNoDecisionAndRepeatsARequestOnlyWithItsOwnKey() throws Exception {
        RecordingServer hookAnswers = new RecordingServer((request, earlier) -> status(200, ""));
        flaky.setDispatcher(hookAnswers);
        kafka.createTopics("reports-2", "events-2", "dead-letters-2");
        String rules = """
                rules:
                  - {name: retrain, when: max_psi >= 0.2, severity: critical, actions: [hook]}
                actions:
                  hook: {type: webhook, url: "%s", secret_file: "%s"}
                """.formatted(flaky.url("/hook"), secretFile("hook", WEBHOOK_SECRET));
        StreamExecutionEnvironment env = RetrainingTriggerJobTest.environment();
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(restarts);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        TriggerKafka endpoints = kafka.endpoints("restart-test");
        FailOnce.reset();

        // No out-of-order allowance: a report is evaluated once the next one's window end passes it. The
        // source subtask without a partition holds the watermark back until it counts as idle.
        RetrainingTriggerJob.defineWorkflow(env, endpoints.reportSource("reports-2").build(),
                new TriggerSettings(rules, Duration.ZERO, Duration.ofMillis(300)), DELIVERY,
                audit -> endpoints.writeAudit(audit.map(new FailOnce()).name("fail once"), "events-2"),
                deadLetters -> endpoints.writeDeadLetters(deadLetters, "dead-letters-2"));
        JobClient job = env.executeAsync("trigger that fails once");
        try {
            kafka.send("reports-2", "m", reports(1, 4));
            awaitKeys(hookAnswers, 3);
            FailOnce.ARMED.set(true);
            // The reports come once a checkpoint has completed after arming, so their records meet the fuse
            // (unless a late audit record of the first reports met it already: the failure is then behind us).
            awaitFuse();
            kafka.send("reports-2", "m", reports(5, 7));
            awaitFailure();
            // Watermarks are not checkpointed: reports restored as waiting are evaluated once a new one arrives.
            kafka.send("reports-2", "m", reports(8, 8));
            awaitKeys(hookAnswers, 7);

            Set<String> expected = Set.copyOf(IntStream.rangeClosed(1, 7)
                    .mapToObj(n -> IdempotencyKey.of("m", "v1", "retrain", end(n))).toList());
            List<JsonNode> events = kafka.readAll("events-2", 14);
            // Exactly-once sinks: each decision and each final outcome is recorded once, whatever was resent.
            assertThat(events).filteredOn(e -> e.get("kind").asText().equals("decision"))
                    .extracting(e -> e.get("idempotency_key").asText())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(events).filteredOn(e -> e.get("kind").asText().equals("delivery"))
                    .extracting(e -> e.get("idempotency_key").asText(), e -> e.get("outcome").asText())
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(key -> tuple(key, "delivered")).toList());
            assertThat(hookAnswers.requests()).extracting(r -> r.getHeaders().get("webhook-id"))
                    .containsOnlyElementsOf(expected).containsAll(expected);
            // A repeated request is the same request: its key names the decision it carries.
            assertThat(hookAnswers.requests()).allSatisfy(request -> assertThat(json(request).get("data"))
                    .isEqualTo(DecisionJson.toNode(Decision.of("m", "v1", "retrain", Severity.CRITICAL,
                            end(windowOf(request)).minus(TestReports.WINDOW), end(windowOf(request)),
                            Map.of("max_psi", 0.3), List.of("hook")))));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void fromTheSavepointItWasStoppedWithTheJobKeepsStreaksAndCooldownsLosesNoDecisionAndResendsOnlyWithTheSameKey()
            throws Exception {
        String spike1 = IdempotencyKey.of("m", "v1", "spike", end(1));
        String sustained2 = IdempotencyKey.of("m", "v1", "sustained", end(2));
        String sustained4 = IdempotencyKey.of("m", "v1", "sustained", end(4));
        String spike4 = IdempotencyKey.of("m", "v1", "spike", end(4));
        CountDownLatch stopped = new CountDownLatch(1);
        // The first answer for spike@1 comes only once the job has stopped: that delivery is in the savepoint.
        RecordingServer hookAnswers = new RecordingServer((request, earlier) -> {
            if (earlier == 0 && spike1.equals(request.getHeaders().get("webhook-id"))) {
                holdUntil(stopped);
            }
            return status(200, "");
        });
        hook.setDispatcher(hookAnswers);
        kafka.createTopics("reports-3", "events-3", "dead-letters-3");
        String rules = """
                rules:
                  - {name: sustained, when: max_psi >= 0.2, for: 2, severity: warning, actions: [hook]}
                  - {name: spike, when: max_psi >= 0.5, cooldown: 15m, severity: critical, actions: [hook]}
                actions:
                  hook: {type: webhook, url: "%s", secret_file: "%s"}
                """.formatted(hook.url("/hook"), secretFile("hook", WEBHOOK_SECRET));

        // A report is evaluated once the next one's window end passes it (no out-of-order allowance).
        // Watermarks are not part of a savepoint, and stopping without drain sends no final one: the report
        // still waiting at the stop is evaluated after the restore, once the next report arrives.
        //             psi  sustained (for: 2)  spike (>= 0.5, cooldown 15m)
        //   window 1  0.6  streak 1            fires, cooling down until 00:20
        //   window 2  0.3  fires               -                                waits in the savepoint
        //   -- stop with a savepoint, start from it --
        //   window 3  0.6  streak 1            cooling down (00:15 < 00:20)
        //   window 4  0.6  fires               fires (00:20)
        //   window 5  0.1  -                   -                                waits, releasing window 4
        // Without the restored state, sustained would fire on window 3 instead of 2, and spike on 3 instead of 4.
        JobClient first = deliveringJob(rules).executeAsync("trigger until its savepoint");
        kafka.send("reports-3", "m", List.of(jsonLine("m", "v1", 1, 0.6), jsonLine("m", "v1", 2, 0.3)));
        awaitKeys(hookAnswers, 1);
        String savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        stopped.countDown();

        StreamExecutionEnvironment restored = deliveringJob(rules);
        Configuration fromSavepoint = new Configuration();
        fromSavepoint.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        restored.configure(fromSavepoint);
        JobClient second = restored.executeAsync("trigger from the savepoint");
        try {
            kafka.send("reports-3", "m", List.of(jsonLine("m", "v1", 3, 0.6), jsonLine("m", "v1", 4, 0.6),
                    jsonLine("m", "v1", 5, 0.1)));

            List<JsonNode> events = kafka.readAll("events-3", 8);
            assertThat(events).filteredOn(e -> e.get("kind").asText().equals("decision"))
                    .extracting(e -> e.get("idempotency_key").asText())
                    .containsExactlyInAnyOrder(spike1, sustained2, sustained4, spike4);
            assertThat(events).filteredOn(e -> e.get("kind").asText().equals("delivery"))
                    .extracting(e -> e.get("idempotency_key").asText(), e -> e.get("outcome").asText())
                    .containsExactlyInAnyOrder(tuple(spike1, "delivered"), tuple(sustained2, "delivered"),
                            tuple(sustained4, "delivered"), tuple(spike4, "delivered"));
            // spike@1 was sent by the first job and, from the savepoint, again by the second: the same request.
            assertThat(hookAnswers.requests()).extracting(r -> r.getHeaders().get("webhook-id"))
                    .containsExactlyInAnyOrder(spike1, spike1, sustained2, sustained4, spike4);
            assertThat(hookAnswers.requests()).filteredOn(r -> r.getHeaders().get("webhook-id").equals(spike1))
                    .extracting(r -> json(r).get("data"))
                    .containsOnly(DecisionJson.toNode(Decision.of("m", "v1", "spike", Severity.CRITICAL, end(0), end(1),
                            Map.of("max_psi", 0.6), List.of("hook"))));
        } finally {
            second.cancel().get();
        }
    }

    /** The delivering job over reports-3, with exactly-once sinks to events-3 and dead-letters-3. */
    private static StreamExecutionEnvironment deliveringJob(String rules) {
        StreamExecutionEnvironment env = RetrainingTriggerJobTest.environment();
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        TriggerKafka endpoints = kafka.endpoints("savepoint-test");
        RetrainingTriggerJob.defineWorkflow(env, endpoints.reportSource("reports-3").build(),
                new TriggerSettings(rules, Duration.ZERO, Duration.ofMillis(300)), PATIENT_DELIVERY,
                audit -> endpoints.writeAudit(audit, "events-3"),
                deadLetters -> endpoints.writeDeadLetters(deadLetters, "dead-letters-3"));
        return env;
    }

    /** Bounded, so a test that fails before releasing the latch does not hang the mock server. */
    private static void holdUntil(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails the job once, on the first record after the checkpoint that completes once {@link #ARMED} is set. */
    static final class FailOnce implements MapFunction<AuditRecord, AuditRecord>, CheckpointListener {
        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final AtomicBoolean FIRE = new AtomicBoolean();
        static volatile boolean FAILED;

        static void reset() {
            ARMED.set(false);
            FIRE.set(false);
            FAILED = false;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (ARMED.compareAndSet(true, false)) {
                FIRE.set(true);
            }
        }

        @Override
        public AuditRecord map(AuditRecord record) {
            if (FIRE.compareAndSet(true, false)) {
                FAILED = true;
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            return record;
        }
    }

    private static void awaitFuse() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!FailOnce.FIRE.get() && !FailOnce.FAILED) {
            assertThat(System.nanoTime()).as("a checkpoint completed after arming").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitFailure() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!FailOnce.FAILED) {
            assertThat(System.nanoTime()).as("the injected failure happened in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitKeys(RecordingServer server, int distinct) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (server.requests().stream().map(r -> r.getHeaders().get("webhook-id")).distinct().count() < distinct) {
            assertThat(System.nanoTime()).as("%d distinct keys delivered in time", distinct).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The window number of the decision a webhook request carries. */
    private static int windowOf(RecordedRequest request) {
        Instant end = Instant.parse(json(request).get("data").get("window_end").asText());
        return (int) Duration.between(TestReports.DAY, end).dividedBy(TestReports.WINDOW);
    }

    private String secretFile(String name, String value) throws Exception {
        Path file = dir.resolve(name);
        return (Files.exists(file) ? file : Files.writeString(file, value)).toString();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode json(RecordedRequest request) {
        return json(request.getBody().utf8());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> reports(int fromWindow, int toWindow) {
        return IntStream.rangeClosed(fromWindow, toWindow).mapToObj(n -> jsonLine("m", "v1", n, 0.3)).toList();
    }
}
