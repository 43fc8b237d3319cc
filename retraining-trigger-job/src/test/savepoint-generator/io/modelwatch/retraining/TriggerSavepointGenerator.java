package io.modelwatch.retraining;

import static io.modelwatch.retraining.RecordingServer.status;
import static io.modelwatch.retraining.report.TestReports.end;
import static io.modelwatch.retraining.report.TestReports.jsonLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.action.RetryPolicy;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.decision.IdempotencyKey;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.flink.TriggerKafka;
import io.modelwatch.retraining.flink.TriggerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
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

/**
 * Writes {@code retraining-trigger-job/src/test/resources/savepoints/trigger-43e83d7}: the reports
 * before and after the upgrade, and a canonical savepoint of the trigger job (with its deliveries)
 * as commit 43e83d7 (the previous release) defines it, taken after it read {@code before/reports.jsonl}
 * from the Kafka topic {@value #TOPIC} of an in-JVM broker (offsets 0 to 5); then restores it in that
 * same build with {@code after/reports.jsonl} (offsets 6 on) to check that it holds what
 * {@code TriggerSavepointCompatibilityTest} expects of it. Reports come from Kafka as in production:
 * the partition of a file source finishes, and with it the periodic watermarks that would release
 * the reports waiting for their turn.
 *
 * <p>This file compiles only against commit 43e83d7, not against the current build: see the
 * README.md next to it for how to run it.
 *
 * <p>Rule {@code drift}: max_psi >= 0.2 for 2 reports, cooldown 30m; reports wait 5 minutes of
 * event time for stragglers. What the savepoint holds:
 * <pre>
 *   m/v1  windows 1, 2 evaluated: fired on window 2 (ends 00:10), cooling down until 00:40, streak 0;
 *         windows 3 and 4 waiting; last evaluated window end 00:10
 *   m/v2  window 2 evaluated: streak 1; window 4 waiting
 *   the delivery of the decision on m/v1 window 2 to the webhook, in flight (no answer yet)
 * </pre>
 */
class TriggerSavepointGenerator {
    private static final Path FIXTURE = Path.of(System.getProperty("fixture.dir",
            "src/test/resources/savepoints/trigger-43e83d7"));
    private static final Duration WAIT = Duration.ofMinutes(3);
    static final String RULES = """
            rules:
              - {name: drift, when: max_psi >= 0.2, for: 2, severity: critical, cooldown: 30m, actions: [hook]}
            actions:
              hook: {type: webhook, url: "%s", secret_file: "%s"}
            """;
    /** One attempt outlasts the held answer, so the delivery stays in flight. */
    static final DeliverySettings DELIVERY = new DeliverySettings(8, 4, Duration.ofSeconds(30), Duration.ofSeconds(60),
            new RetryPolicy(3, Duration.ofMillis(50), 1.0, Duration.ofMillis(50), RetryPolicy.Jitter.NONE));
    static final String TOPIC = "model-window-reports";
    static final Map<String, Queue<Object>> OUT = new ConcurrentHashMap<>();
    private static TestKafka kafka;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @StartStop
    private final MockWebServer hookBefore = new MockWebServer();
    @StartStop
    private final MockWebServer hookAfter = new MockWebServer();

    @TempDir
    Path work;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestKafka.start();
        kafka.createTopics(TOPIC);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    JobClient start(String phase, MockWebServer hook, String savepoint) throws Exception {
        Path secret = Files.writeString(work.resolve(phase + "-secret"), "whsec_c2F2ZXBvaW50LWdlbmVyYXRvcg==");
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(1);
        OUT.clear();
        RetrainingTriggerJob.defineWorkflow(env,
                new TriggerKafka(kafka.bootstrapServers(), new Properties(), false).reportSource(TOPIC, "trigger").build(),
                new TriggerSettings(RULES.formatted(hook.url("/hook"), secret), Duration.ofMinutes(5), Duration.ofMinutes(1)),
                DELIVERY, audit -> audit.sinkTo(new QueueSink<>("audit")).name("audit"),
                deadLetters -> deadLetters.sinkTo(new QueueSink<>("dead-letters")).name("dead letters"));
        JobClient job = env.executeAsync("trigger savepoint generator: " + phase);
        kafka.send(TOPIC, "m", Files.readAllLines(FIXTURE.resolve(phase).resolve("reports.jsonl")));
        return job;
    }

    @Test
    void writeTheSavepointAndCheckItInThisBuild() throws Exception {
        Files.createDirectories(FIXTURE.resolve("before"));
        Files.createDirectories(FIXTURE.resolve("after"));
        Files.writeString(FIXTURE.resolve("before/reports.jsonl"), String.join("\n",
                jsonLine("m", "v1", 1, 0.3), jsonLine("m", "v1", 2, 0.3), jsonLine("m", "v2", 2, 0.3),
                jsonLine("m", "v1", 3, 0.3), jsonLine("m", "v1", 4, 0.3), jsonLine("m", "v2", 4, 0.3)) + "\n");
        Files.writeString(FIXTURE.resolve("after/reports.jsonl"), String.join("\n",
                jsonLine("m", "v1", 1, 0.3), jsonLine("m", "v1", 2, 0.3),
                jsonLine("m", "v1", 5, 0.3), jsonLine("m", "v1", 6, 0.3), jsonLine("m", "v1", 7, 0.3),
                jsonLine("m", "v1", 8, 0.3), jsonLine("m", "v1", 9, 0.3), jsonLine("m", "v1", 10, 0.3)) + "\n");
        String v1At10 = IdempotencyKey.of("m", "v1", "drift", end(2));
        String v2At20 = IdempotencyKey.of("m", "v2", "drift", end(4));
        String v1At40 = IdempotencyKey.of("m", "v1", "drift", end(8));

        CountDownLatch saved = new CountDownLatch(1);
        RecordingServer held = new RecordingServer((request, earlier) -> {
            try {
                saved.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return status(200, "");
        });
        hookBefore.setDispatcher(held);
        JobClient before = start("before", hookBefore, null);
        await(before, () -> held.requests().size() == 1);
        Thread.sleep(5_000); // every report has reached the rules; nothing else will move
        String savepoint = before.triggerSavepoint(work.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        before.cancel().get();
        saved.countDown();
        assertThat(held.requests()).extracting(r -> r.getHeaders().get("webhook-id")).containsExactly(v1At10);
        assertThat(audit()).extracting(AuditRecord::kind, AuditRecord::idempotencyKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("decision", v1At10));

        Path fixture = FIXTURE.resolve("savepoint");
        deleteRecursively(fixture);
        copyRecursively(Path.of(java.net.URI.create(savepoint)), fixture);

        RecordingServer answering = new RecordingServer((request, earlier) -> status(200, ""));
        hookAfter.setDispatcher(answering);
        JobClient after = start("after", hookAfter, fixture.toUri().toString());
        await(after, () -> audit().stream().filter(r -> r.kind().equals("delivery")).count() == 3 && deadLetters().size() == 1);
        after.cancel().get();
        assertThat(audit()).filteredOn(r -> r.kind().equals("decision")).extracting(AuditRecord::idempotencyKey)
                .containsExactlyInAnyOrder(v2At20, v1At40);
        assertThat(answering.requests()).extracting(r -> r.getHeaders().get("webhook-id"))
                .containsExactlyInAnyOrder(v1At10, v2At20, v1At40);
        assertThat(deadLetters()).singleElement().satisfies(letter ->
                assertThat(letter.error()).startsWith("window_end: 2026-11-28T00:05:00Z arrived after the report ending"));
        System.out.println("savepoint fixture written to " + fixture.toAbsolutePath());
    }

    static List<AuditRecord> audit() {
        return OUT.getOrDefault("audit", new ConcurrentLinkedQueue<>()).stream().map(AuditRecord.class::cast).toList();
    }

    static List<DeadLetter> deadLetters() {
        return OUT.getOrDefault("dead-letters", new ConcurrentLinkedQueue<>()).stream().map(DeadLetter.class::cast).toList();
    }

    /** Waits for {@code condition} while {@code job} runs; a job that ends or fails first fails the wait with its cause. */
    static void await(JobClient job, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                throw new AssertionError("the job ended first: " + job.getJobStatus().get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + "; audit " + audit() + ", dead letters " + deadLetters());
            }
            Thread.sleep(100);
        }
    }

    static void copyRecursively(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Collects records in this JVM; keeps no state, so the savepoint holds none for it. */
    static final class QueueSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final String name;

        QueueSink(String name) {
            this.name = name;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    OUT.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>()).add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
