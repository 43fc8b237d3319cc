package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.config.ConfigLoader;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.ingest.IncomingLabel;
import io.modelwatch.monitoring.ingest.JsonLinesFormat;
import io.modelwatch.monitoring.ingest.LabelDecoder;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes {@code monitoring-job/src/test/resources/savepoints/monitoring-43e83d7/savepoint}: a
 * canonical savepoint of the monitoring job as commit 43e83d7 (the previous release) defines it,
 * taken after {@code before/} was read, then restores it in that same build with {@code after/}
 * to check that it holds what {@code MonitoringSavepointCompatibilityTest} expects of it.
 *
 * <p>This file compiles only against commit 43e83d7, not against the current build: see the
 * README.md next to it for how to run it.
 *
 * <p>What the savepoint holds: window [00:00, 00:01) reported (4 predictions, 1 labeled) and kept
 * for the allowed lateness, in the window step and in the merge step; window [00:01, 00:02) open
 * with 2 predictions; predictions p05 and p06 waiting for their labels and the label of p09
 * waiting for its prediction; the ADWIN detector of m/v1 after one outcome; model m admitted as
 * the only model without a reference profile (limits.max-models 1).
 */
class MonitoringSavepointGenerator {
    private static final Path FIXTURE = Path.of(System.getProperty("fixture.dir",
            "src/test/resources/savepoints/monitoring-43e83d7"));
    private static final Duration WAIT = Duration.ofMinutes(3);
    static final Map<String, Queue<Object>> OUT = new ConcurrentHashMap<>();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @TempDir
    Path work;

    static MonitoringConfig config(Path predictions, Path labels) throws Exception {
        return ConfigLoader.load(null, Map.ofEntries(
                Map.entry("window", "1m"),
                Map.entry("shards", "2"),
                Map.entry("out-of-orderness", "0s"),
                Map.entry("watermarks", "per-event"),
                Map.entry("idleness", "0s"),
                Map.entry("allowed-lateness", "2m"),
                Map.entry("limits.max-models", "1"),
                Map.entry("source.type", "file"),
                Map.entry("source.path", predictions.toString()),
                Map.entry("source.labels", "file"),
                Map.entry("source.labels-path", labels.toString()),
                Map.entry("label-join.horizon", "10m"),
                Map.entry("label-join.orphan-wait", "10m"),
                // Join state expires by wall-clock time since it was written: long enough for a fixture.
                Map.entry("label-join.state-ttl", "36500d"),
                Map.entry("concept-drift.detector", "adwin"),
                Map.entry("sinks.kafka", "false"),
                Map.entry("checkpoints.interval", "0s")));
    }

    /** Runs the workflow over the files of {@code phase}, from {@code savepoint} if not null; the sources keep watching their directories. */
    JobClient start(String phase, String savepoint) throws Exception {
        Path predictions = Files.createDirectories(work.resolve(phase).resolve("predictions"));
        Path labels = Files.createDirectories(work.resolve(phase).resolve("labels"));
        Files.copy(FIXTURE.resolve(phase).resolve("predictions.jsonl"), predictions.resolve(phase + ".jsonl"));
        Files.copy(FIXTURE.resolve(phase).resolve("labels.jsonl"), labels.resolve(phase + ".jsonl"));
        MonitoringConfig config = config(predictions, labels);
        ModelCatalog catalog = MonitoringJob.catalog(config);
        Configuration flink = MonitoringJob.flinkConfiguration(config);
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(1);
        OUT.clear();
        FileSource<IncomingEvent> events = FileSource.forRecordStreamFormat(new JsonLinesFormat<>(
                        predictions.toString(), Connectors.decoder(config), IncomingEvent.class),
                new org.apache.flink.core.fs.Path(predictions.toUri())).monitorContinuously(Duration.ofMillis(200)).build();
        FileSource<IncomingLabel> labelEvents = FileSource.forRecordStreamFormat(new JsonLinesFormat<>(
                        labels.toString(), new LabelDecoder(config.limits().maxEventBytes()), IncomingLabel.class),
                new org.apache.flink.core.fs.Path(labels.toUri())).monitorContinuously(Duration.ofMillis(200)).build();
        MonitoringJob.defineWorkflow(env, config, catalog, events, labelEvents,
                reports -> reports.sinkTo(new QueueSink<>("reports")).name("reports"),
                deadLetters -> deadLetters.sinkTo(new QueueSink<>("dead-letters")).name("dead letters"));
        return env.executeAsync("monitoring savepoint generator: " + phase);
    }

    @Test
    void writeTheSavepointAndCheckItInThisBuild() throws Exception {
        JobClient before = start("before", null);
        await(before, () -> reports().stream().anyMatch(r -> r.windowStart().equals(at("00:00:00"))));
        Thread.sleep(5_000); // every record and watermark has reached its operators; nothing else will move
        String savepoint = before.triggerSavepoint(work.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        before.cancel().get();
        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.volume().predictions()).isEqualTo(4);
            assertThat(report.performance().labeled()).isEqualTo(1);
        });

        Path fixture = FIXTURE.resolve("savepoint");
        deleteRecursively(fixture);
        copyRecursively(Path.of(java.net.URI.create(savepoint)), fixture);

        JobClient after = start("after", fixture.toUri().toString());
        await(after, () -> report("00:01:00") != null && reports().stream()
                .anyMatch(r -> r.windowStart().equals(at("00:00:00")) && r.volume().predictions() == 5));
        after.cancel().get();
        WindowReport window1 = report("00:01:00");
        assertThat(window1.volume().predictions()).isEqualTo(5);
        assertThat(window1.performance().labeled()).isEqualTo(4);
        assertThat(window1.performance().accuracy()).isEqualTo(0.5);
        assertThat(window1.performance().estimatedAccuracy()).isCloseTo(0.72, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(deadLetters()).extracting(DeadLetter::error)
                .anyMatch(error -> error.startsWith("model: 'other' is not monitored"));
        System.out.println("savepoint fixture written to " + fixture.toAbsolutePath());
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-28T" + time + "Z");
    }

    static List<WindowReport> reports() {
        return OUT.getOrDefault("reports", new ConcurrentLinkedQueue<>()).stream().map(WindowReport.class::cast).toList();
    }

    static List<DeadLetter> deadLetters() {
        return OUT.getOrDefault("dead-letters", new ConcurrentLinkedQueue<>()).stream().map(DeadLetter.class::cast).toList();
    }

    /** The last report of the window starting at {@code start}, or null. */
    static WindowReport report(String start) {
        List<WindowReport> of = reports().stream().filter(r -> r.windowStart().equals(at(start))).toList();
        return of.isEmpty() ? null : of.get(of.size() - 1);
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
                throw new AssertionError("not within " + WAIT + "; reports " + reports() + ", dead letters " + deadLetters());
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
