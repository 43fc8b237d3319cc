package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.flink.JsonLinesFormat;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.common.testing.QueueSink;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.ingest.IncomingLabel;
import io.modelwatch.monitoring.ingest.LabelDecoder;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.src.FileSource;
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
 * A savepoint of the monitoring job taken by the previous release (commit 43e83d7, before the
 * restructuring) restores into this build with every piece of its state, and the job carries on
 * from it. The savepoint, and the events and labels before and after it, are in
 * {@code src/test/resources/savepoints/monitoring-43e83d7}; {@code src/test/savepoint-generator}
 * wrote them and says how to write them again.
 *
 * <p>Windows of 1 minute, 2 shards, no out-of-orderness, allowed lateness 2 minutes, one model
 * without a reference profile admitted at most. At the savepoint: window [00:00, 00:01) was reported
 * (p01–p04, p01 labeled) and is kept for late events; window [00:01, 00:02) holds p05 and p06,
 * which wait for their labels, as the label of p09 waits for its prediction; model m is admitted.
 * After the restore, without any of that state, window [00:01, 00:02) would count 3 predictions
 * and 1 label instead of 5 and 4, the late p07 would make a report of 1 prediction instead of 5,
 * and model "other" would be admitted.
 *
 * <p>Restored into both state backends: the heap backend reads all state at once as it restores, so
 * a serializer that cannot read the old bytes fails it; RocksDB keeps the bytes and checks the
 * serializers' compatibility, migrating the window accumulators from the previous release's snapshot.
 */
class MonitoringSavepointCompatibilityTest {
    private static final Path FIXTURE = Path.of("src/test/resources/savepoints/monitoring-43e83d7");
    private static final Duration WAIT = Duration.ofMinutes(3);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @TempDir
    Path work;

    /** The configuration the savepoint was taken with, over this build's keys. */
    static MonitoringConfig config(Path predictions, Path labels, String stateBackend) throws Exception {
        return MonitoringConfig.load(null, Map.ofEntries(
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
                Map.entry("label-join.state-ttl", "36500d"),
                Map.entry("concept-drift.detector", "adwin"),
                Map.entry("sinks.kafka", "false"),
                Map.entry("checkpoints.interval", "0s"),
                Map.entry("checkpoints.state-backend", stateBackend)));
    }

    @ParameterizedTest(name = "into the {0} state backend")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void theSavepointOfThePreviousReleaseRestoresAndTheJobCarriesOnFromItsState(String stateBackend) throws Exception {
        Path savepoint = Files.createDirectories(work.resolve("savepoint"));
        Files.copy(FIXTURE.resolve("savepoint/_metadata"), savepoint.resolve("_metadata"));
        Path predictions = Files.createDirectories(work.resolve("predictions"));
        Path labels = Files.createDirectories(work.resolve("labels"));
        Files.copy(FIXTURE.resolve("after/predictions.jsonl"), predictions.resolve("after.jsonl"));
        Files.copy(FIXTURE.resolve("after/labels.jsonl"), labels.resolve("after.jsonl"));
        MonitoringConfig config = config(predictions, labels, stateBackend);
        ModelCatalog catalog = MonitoringJob.catalog(config);

        Configuration flink = FlinkSettings.of(config.checkpoints());
        flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(1);
        QueueSink<WindowReport> reports = new QueueSink<>();
        QueueSink<DeadLetter> deadLetters = new QueueSink<>();
        // Sources that keep watching their directories, as the previous release's did when it was saved.
        FileSource<IncomingEvent> events = FileSource.forRecordStreamFormat(new JsonLinesFormat<>(
                        predictions.toString(), Connectors.decoder(config), IncomingEvent.class),
                new org.apache.flink.core.fs.Path(predictions.toUri())).monitorContinuously(Duration.ofMillis(200)).build();
        FileSource<IncomingLabel> labelEvents = FileSource.forRecordStreamFormat(new JsonLinesFormat<>(
                        labels.toString(), new LabelDecoder(config.limits().maxEventBytes()), IncomingLabel.class),
                new org.apache.flink.core.fs.Path(labels.toUri())).monitorContinuously(Duration.ofMillis(200)).build();
        MonitoringJob.defineWorkflow(env, config, catalog, events, labelEvents,
                stream -> stream.sinkTo(reports).name("reports"), stream -> stream.sinkTo(deadLetters).name("dead letters"));

        JobClient job = env.executeAsync("monitoring from the savepoint of 43e83d7");
        try {
            QueueSink.await(job, WAIT, () -> last(reports.received(), "00:01:00") != null
                    && reports.received().stream().anyMatch(r -> r.windowStart().equals(at("00:00:00"))),
                    () -> "reports " + reports.received() + ", dead letters " + deadLetters.received());
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }

        // Window [00:01, 00:02): p05 and p06 from the savepoint, p08, p09 and p10 after it. Its outcomes:
        // p09 with the label that waited in the savepoint, p05 and p06 whose predictions waited there, and p10.
        WindowReport window1 = last(reports.received(), "00:01:00");
        assertThat(window1.volume().predictions()).isEqualTo(5);
        assertThat(window1.features().get("x").count()).isEqualTo(5);
        assertThat(window1.latencyMs().count()).isEqualTo(5);
        assertThat(window1.performance().labeled()).isEqualTo(4);
        assertThat(window1.performance().accuracy()).isEqualTo(0.5);
        // The mean probability of the predicted class of all five: 0.8 and 0.6 before, 0.9, 0.7 and 0.6 after.
        assertThat(window1.performance().estimatedAccuracy()).isCloseTo(0.72, within(1e-9));
        assertThat(window1.conceptDrift().detector()).isEqualTo("adwin");
        // Window [00:00, 00:01), reported before the savepoint with 4 predictions, updated by the late p07.
        assertThat(reports.received()).filteredOn(r -> r.windowStart().equals(at("00:00:00"))).singleElement()
                .satisfies(window0 -> {
                    assertThat(window0.volume().predictions()).isEqualTo(5);
                    assertThat(window0.performance().labeled()).isEqualTo(1);
                    assertThat(window0.performance().estimatedAccuracy()).isCloseTo(0.78, within(1e-9));
                });
        // Model m was admitted before the savepoint, and it is the only one without a reference profile allowed.
        assertThat(deadLetters.received()).extracting(DeadLetter::error)
                .containsExactly("model: 'other' is not monitored: 1 models without a reference profile are tracked "
                        + "already (limits.max-models)");
    }

    /**
     * Flink writes the class of every POJO key and value, and of every serializer snapshot, into a
     * savepoint, and finds them again by name as it restores: none of ours may move.
     */
    @Test
    void everyClassOfOursTheSavepointNamesIsFoundUnderThatName() throws Exception {
        Set<String> named = namedClasses(FIXTURE.resolve("savepoint"));

        assertThat(named).contains("io.modelwatch.monitoring.aggregate.ShardKey",
                "io.modelwatch.monitoring.aggregate.ModelKey",
                "io.modelwatch.monitoring.aggregate.MergePartials$ShardWindow",
                "io.modelwatch.monitoring.aggregate.WindowAccumulatorSerializer$Snapshot",
                "io.modelwatch.common.conceptdrift.Adwin");
        for (String name : named) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).as(name).isNotNull();
        }
    }

    /** The names of our classes in the files of a savepoint. */
    static Set<String> namedClasses(Path savepoint) throws Exception {
        Pattern className = Pattern.compile("io\\.modelwatch(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.list(savepoint)) {
            for (Path file : files.toList()) {
                Matcher matcher = className.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (matcher.find()) {
                    named.add(matcher.group());
                }
            }
        }
        return named;
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-28T" + time + "Z");
    }

    /** The last report of the window starting at {@code start}, or null. */
    static WindowReport last(List<WindowReport> reports, String start) {
        List<WindowReport> of = reports.stream().filter(r -> r.windowStart().equals(at(start))).toList();
        return of.isEmpty() ? null : of.get(of.size() - 1);
    }
}
