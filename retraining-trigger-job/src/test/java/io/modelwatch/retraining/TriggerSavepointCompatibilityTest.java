package io.modelwatch.retraining;

import static io.modelwatch.retraining.RecordingServer.status;
import static io.modelwatch.retraining.report.TestReports.end;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.config.Checkpoints;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.testing.QueueSink;
import io.modelwatch.retraining.action.DecisionJson;
import io.modelwatch.retraining.action.RetryPolicy;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.IdempotencyKey;
import io.modelwatch.retraining.decision.Severity;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.flink.TriggerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A savepoint of the trigger job taken by the previous release (commit 43e83d7, before the
 * restructuring) restores into this build with its rule state, its waiting reports and its
 * delivery in flight, and the job carries on from them. The savepoint and the reports before and
 * after it are in {@code src/test/resources/savepoints/trigger-43e83d7};
 * {@code src/test/savepoint-generator} wrote them and says how to write them again.
 *
 * <p>Rule {@code drift}: max_psi >= 0.2 for 2 reports, cooldown 30 minutes, to a webhook; reports
 * wait 5 minutes of event time for stragglers; every report has max_psi 0.3. At the savepoint,
 * read from offsets 0 to 5 of the reports topic:
 * <pre>
 *   m/v1  fired on window 2 (ends 00:10), cooling down until 00:40; windows 3 and 4 waiting;
 *         the decision's delivery in flight, unanswered
 *   m/v2  streak 1 after window 2; window 4 waiting
 * </pre>
 * After it, from offset 6: windows 1 and 2 of m/v1 again, then windows 5 to 10. With its state
 * the job dead-letters the replay of window 1 (older than the last evaluated), drops that of
 * window 2, delivers the decision of window 2 again with its own key, fires m/v2 on window 4
 * and m/v1 on window 8, the first after the cooldown. Without its state it would fire m/v1 on
 * windows 2 (again) and 6, and m/v2 never.
 */
class TriggerSavepointCompatibilityTest {
    private static final Path FIXTURE = Path.of("src/test/resources/savepoints/trigger-43e83d7");
    private static final String TOPIC = "model-window-reports";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
            rules:
              - {name: drift, when: max_psi >= 0.2, for: 2, severity: critical, cooldown: 30m, actions: [hook]}
            actions:
              hook: {type: webhook, url: "%s", secret_file: "%s"}
            """;
    private static final DeliverySettings DELIVERY = new DeliverySettings(8, 4, Duration.ofSeconds(30),
            Duration.ofSeconds(60), new RetryPolicy(3, Duration.ofMillis(50), 1.0, Duration.ofMillis(50),
            RetryPolicy.Jitter.NONE));

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @StartStop
    private final MockWebServer hook = new MockWebServer();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "into the {0} state backend")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void theSavepointOfThePreviousReleaseRestoresAndTheJobCarriesOnFromItsState(String stateBackend) throws Exception {
        Path savepoint = Files.createDirectories(dir.resolve("savepoint"));
        try (Stream<Path> files = Files.list(FIXTURE.resolve("savepoint"))) {
            for (Path file : files.toList()) {
                Files.copy(file, savepoint.resolve(file.getFileName()));
            }
        }
        RecordingServer answers = new RecordingServer((request, earlier) -> status(200, ""));
        hook.setDispatcher(answers);
        Path secret = Files.writeString(dir.resolve("hook-secret"),
                "whsec_" + java.util.Base64.getEncoder().encodeToString("savepoint-test".getBytes(StandardCharsets.UTF_8)));

        try (TestKafka kafka = TestKafka.start()) {
            kafka.createTopics(TOPIC);
            // The topic as the previous release left it: the reports it read before the savepoint, offsets 0 to 5.
            kafka.send(TOPIC, "m", Files.readAllLines(FIXTURE.resolve("before/reports.jsonl")));

            Configuration flink = FlinkSettings.of(new Checkpoints(Duration.ZERO, stateBackend, null));
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
            flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
            env.setParallelism(1);
            QueueSink<AuditRecord> audit = new QueueSink<>();
            QueueSink<DeadLetter> deadLetters = new QueueSink<>();
            RetrainingTriggerJob.defineWorkflow(env, kafka.endpoints("savepoint-test").reportSource(TOPIC).build(),
                    new TriggerSettings(RULES.formatted(hook.url("/hook"), secret), Duration.ofMinutes(5),
                            Duration.ofMinutes(1)),
                    DELIVERY, stream -> stream.sinkTo(audit).name("audit"),
                    stream -> stream.sinkTo(deadLetters).name("dead letters"));
            JobClient job = env.executeAsync("trigger from the savepoint of 43e83d7");
            try {
                kafka.send(TOPIC, "m", Files.readAllLines(FIXTURE.resolve("after/reports.jsonl")));
                QueueSink.await(job, WAIT, () -> audit.received().stream()
                                .filter(r -> r.kind().equals(AuditRecord.DELIVERY)).count() == 3
                                && deadLetters.received().size() == 1,
                        () -> "audit " + audit.received() + ", dead letters " + deadLetters.received());
            } finally {
                if (!job.getJobStatus().get().isGloballyTerminalState()) {
                    job.cancel().get();
                }
            }

            String v1At10 = IdempotencyKey.of("m", "v1", "drift", end(2));
            String v2At20 = IdempotencyKey.of("m", "v2", "drift", end(4));
            String v1At40 = IdempotencyKey.of("m", "v1", "drift", end(8));
            assertThat(audit.received()).filteredOn(r -> r.kind().equals(AuditRecord.DECISION))
                    .extracting(AuditRecord::idempotencyKey).containsExactlyInAnyOrder(v2At20, v1At40);
            assertThat(audit.received()).filteredOn(r -> r.kind().equals(AuditRecord.DELIVERY))
                    .extracting(AuditRecord::idempotencyKey, AuditRecord::outcome)
                    .containsExactlyInAnyOrder(tuple(v1At10, "delivered"), tuple(v2At20, "delivered"),
                            tuple(v1At40, "delivered"));
            assertThat(answers.requests()).extracting(r -> r.getHeaders().get("webhook-id"))
                    .containsExactlyInAnyOrder(v1At10, v2At20, v1At40);
            // The delivery that was in flight carries the decision the previous release made, as it made it.
            assertThat(answers.requests()).filteredOn(r -> r.getHeaders().get("webhook-id").equals(v1At10))
                    .extracting(r -> data(r.getBody().utf8()))
                    .containsExactly(DecisionJson.toNode(Decision.of("m", "v1", "drift", Severity.CRITICAL, end(1),
                            end(2), Map.of("max_psi", 0.3), List.of("hook"))));
            assertThat(deadLetters.received()).singleElement().satisfies(letter -> {
                assertThat(letter.sourceTopic()).isEqualTo(TOPIC);
                assertThat(letter.offset()).isEqualTo(6);
                assertThat(letter.error()).startsWith("window_end: 2026-11-28T00:05:00Z arrived after the report "
                        + "ending 2026-11-28T00:10:00Z was evaluated");
            });
        }
    }

    private static Object data(String webhookBody) {
        try {
            return JSON.readTree(webhookBody).get("data");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Flink writes the class of every POJO key and value, and of every serializer snapshot, into a
     * savepoint, and finds them again by name as it restores: none of ours may move.
     */
    @Test
    void everyClassOfOursTheSavepointNamesIsFoundUnderThatName() throws Exception {
        Pattern className = Pattern.compile("io\\.modelwatch(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.list(FIXTURE.resolve("savepoint"))) {
            for (Path file : files.toList()) {
                Matcher matcher = className.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (matcher.find()) {
                    named.add(matcher.group());
                }
            }
        }

        assertThat(named).contains("io.modelwatch.retraining.report.ModelVersionKey",
                "io.modelwatch.retraining.report.ReportEnvelope", "io.modelwatch.retraining.rules.RuleState",
                "io.modelwatch.retraining.delivery.DeliveryRequest", "io.modelwatch.common.report.WindowReport");
        for (String name : named) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).as(name).isNotNull();
        }
    }
}
