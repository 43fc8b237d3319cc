package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.deadletter.DeadLetterCodec;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficFiles;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a real Kafka broker in the JVM: events on a two-partition {@code predictions}
 * topic of which one partition stays idle, reports read back from {@code model-window-reports}
 * with read_committed, dead letters from {@code monitoring-dead-letter}. The reference run is the
 * same workflow over the same events from a file, which the oracle test has checked.
 */
class KafkaMonitoringTest {
    // 1,800 events a minute: under the exact limit, so every statistic is exact and runs compare closely.
    private static final int EVENTS = 7_000;
    private static final int EVENTS_PER_SECOND = 30;
    private static final List<String> BAD_RECORDS = List.of("not json", "{\"model\": \"credit-default\"}");
    private static final ReportCodec REPORTS = new ReportCodec();
    // The first event at or after 03:02:02, which with 2 s out-of-orderness moves the watermark past the second window.
    private static final int CLOSES_SECOND_WINDOW = (2 * 60 + 2) * EVENTS_PER_SECOND + 1;

    // Slots for two jobs: a cancelled job's Kafka clients may take long to close, and must not hold up the next.
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static TestBroker kafka;
    private static Path events;
    private static Map<String, String> expected;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBrokerAndComputeReferenceRun() throws Exception {
        kafka = TestBroker.start();
        events = dir.resolve("events.jsonl");
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS.withEventsPerSecond(EVENTS_PER_SECOND)
                .withStart(Instant.parse("2026-11-28T03:00:00Z")));
        TrafficFiles.write(generator, events, dir.resolve("labels.jsonl"), EVENTS);
        expected = fileRun();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    private static Map<String, String> overrides(String source) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", "1m");
        overrides.put("shards", "3");
        overrides.put("out-of-orderness", "2s");
        overrides.put("idleness", "1s");
        overrides.put("source.type", source);
        overrides.put("checkpoints.interval", "1s");
        return overrides;
    }

    /** Reports of the same events read from a file, bounded: window start → report JSON. */
    private static Map<String, String> fileRun() throws Exception {
        Map<String, String> overrides = overrides("file");
        overrides.put("source.path", events.toString());
        overrides.put("sinks.kafka", "false");
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        ModelCatalog catalog = MonitoringJob.catalog(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config.checkpoints()));
        env.setParallelism(2);
        DataStream.Collector<WindowReport> reports = new DataStream.Collector<>();
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config),
                stream -> stream.collectAsync(reports), stream -> {});
        env.executeAsync();
        Map<String, String> byWindow = new TreeMap<>();
        reports.getOutput().forEachRemaining(r -> byWindow.put(r.windowStart().toString(), REPORTS.writeString(r)));
        return byWindow;
    }

    /**
     * Creates the two-partition topic and writes the bad records, then the events from {@code from} to
     * {@code to}, to partition 0; returns once the broker has acknowledged every record.
     */
    private static void produce(String topic, int from, int to) throws Exception {
        List<String> records = new ArrayList<>(from == 0 ? BAD_RECORDS : List.of());
        records.addAll(Files.readAllLines(events).subList(from, to));
        produce(topic, from == 0, List.of(records));
    }

    private static void produce(String topic, boolean create, List<List<String>> partitions) throws Exception {
        kafka.produce(topic, create, partitions);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
        return kafka.readCommitted(topic, atLeast);
    }

    /** Runs the job from Kafka with its own topics; {@code reportSink} writes the reports. */
    private static JobClient startKafkaJob(String prefix, Consumer<DataStream<WindowReport>> reportSink) throws Exception {
        return startKafkaJob(prefix, Map.of(), reportSink);
    }

    /** As above, with {@code settings} over the common ones (e.g. a labels source). */
    private static JobClient startKafkaJob(String prefix, Map<String, String> settings,
            Consumer<DataStream<WindowReport>> reportSink) throws Exception {
        Map<String, String> overrides = overrides("kafka");
        overrides.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        overrides.put("kafka.predictions-topic", prefix + "predictions");
        overrides.put("kafka.reports-topic", prefix + "model-window-reports");
        overrides.put("kafka.dead-letter-topic", prefix + "monitoring-dead-letter");
        overrides.put("kafka.profiles-topic", prefix + "model-profiles");
        overrides.put("kafka.group-id", prefix + "monitoring");
        overrides.put("kafka.transactional-id-prefix", prefix + "monitoring");
        overrides.put("kafka.starting-offsets", "earliest");
        overrides.put("kafka.transaction-timeout", "10s");
        overrides.putAll(settings);
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        ModelCatalog catalog = MonitoringJob.catalog(config);
        Configuration flink = FlinkSettings.of(config.checkpoints());
        flink.setString("restart-strategy.type", "fixed-delay");
        flink.setString("restart-strategy.fixed-delay.attempts", "3");
        flink.setString("restart-strategy.fixed-delay.delay", "200 ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(2);
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config), Connectors.labelsSource(config),
                Connectors.profilesSource(config), reportSink, Connectors.deadLetterSink(config));
        return env.executeAsync();
    }

    /** Committed reports by window start; fails on a window reported twice. */
    private static Map<String, String> committedReports(String topic, int windows) throws Exception {
        Map<String, String> byWindow = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(topic, windows)) {
            WindowReport report = REPORTS.parse(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("credit-default/v3");
            String previous = byWindow.put(report.windowStart().toString(), REPORTS.writeString(report));
            assertThat(previous).as("window " + report.windowStart() + " reported once").isNull();
        }
        return byWindow;
    }

    /** Windows the Kafka run must close: all but the last, which stays open while the topic has no later event. */
    private static Map<String, String> closedWindows() {
        Map<String, String> closed = new TreeMap<>(expected);
        closed.remove(((TreeMap<String, String>) closed).lastKey());
        return closed;
    }

    /** Equal up to the rounding of sums merged in a different order. */
    private static void assertSameReports(Map<String, String> actual, Map<String, String> expected) throws Exception {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        ObjectMapper json = new ObjectMapper();
        for (String window : expected.keySet()) {
            JsonOracle.assertMatches(json.readTree(expected.get(window)), json.readTree(actual.get(window)), window);
        }
    }

    @Test
    void reportsAreCommittedExactlyOnceWhileAPartitionIsIdleAndBadRecordsAreDeadLetteredWithTheirOffsets() throws Exception {
        produce("a-predictions", 0, EVENTS);
        MonitoringConfig sinks = MonitoringConfig.load(null, Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(),
                "kafka.reports-topic", "a-model-window-reports", "kafka.transactional-id-prefix", "a-monitoring",
                "kafka.transaction-timeout", "10s"));
        JobClient job = startKafkaJob("a-", Connectors.reportSink(sinks));
        try {
            assertSameReports(committedReports("a-model-window-reports", closedWindows().size()), closedWindows());
            List<DeadLetter> deadLetters = readCommitted("a-monitoring-dead-letter", BAD_RECORDS.size()).stream()
                    .map(record -> new DeadLetterCodec().parse(record.value())).toList();
            assertThat(deadLetters).extracting(DeadLetter::sourceTopic, DeadLetter::partition, DeadLetter::offset,
                    DeadLetter::payload).containsExactly(
                    tuple("a-predictions", 0, 0L, BAD_RECORDS.get(0)),
                    tuple("a-predictions", 0, 1L, BAD_RECORDS.get(1)));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aJobThatFailsAfterACheckpointRecoversWithoutLosingOrRepeatingAReport() throws Exception {
        // Each step waits for what the next one needs, so that no outcome depends on timing:
        // 1. events up to the middle of the second window; the first window's report is committed, so a
        //    checkpoint has completed after it (nothing can fail yet: no other window can close);
        // 2. events that close the second window: its report fails the job, which restarts from a
        //    checkpoint taken after the first report (restarting from scratch would repeat that report);
        // 3. only once the failure happened, the remaining events. They lie beyond the checkpoint the
        //    job restarts from, so they move the watermark again after the restart (watermarks are not
        //    part of a checkpoint: a window whose report was lost in the failure fires again only when
        //    events after the checkpoint arrive).
        FailOnceAfterCheckpoint.arm(Instant.parse("2026-11-28T03:01:00Z"));
        produce("b-predictions", 0, EVENTS / 2);
        MonitoringConfig sinks = MonitoringConfig.load(null, Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(),
                "kafka.reports-topic", "b-model-window-reports", "kafka.transactional-id-prefix", "b-monitoring"));
        JobClient job = startKafkaJob("b-", reports -> Connectors.reportSink(sinks).accept(
                reports.map(new FailOnceAfterCheckpoint()).uid("inject-failure").name("fail once after a checkpoint")));
        try {
            assertThat(readCommitted("b-model-window-reports", 1)).extracting(record -> REPORTS.parse(record.value()).windowStart())
                    .as("the first window's report, committed before anything fails").containsExactly(
                            Instant.parse(((TreeMap<String, String>) expected).firstKey()));
            produce("b-predictions", EVENTS / 2, CLOSES_SECOND_WINDOW);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!FailOnceAfterCheckpoint.FAILED.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(FailOnceAfterCheckpoint.FAILED).as("the failure was injected").isTrue();
            produce("b-predictions", CLOSES_SECOND_WINDOW, EVENTS);
            assertSameReports(committedReports("b-model-window-reports", closedWindows().size()), closedWindows());
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void labelsFromATopicGiveEachWindowThePerformanceOfTheLabelsThatArrivedInIt() throws Exception {
        // Both topics have data on both partitions and idleness is off: every window waits for every partition
        // of both, so no label can be late however far one source has been read ahead of the other.
        // Predictions (model credit-default/v3) all in the first window; c0 and c1 close the second one.
        produce("c-predictions", true, List.of(
                List.of(prediction("p1", "05:00:05", "yes"), prediction("p3", "05:00:15", "yes"),
                        prediction("p5", "05:00:25", "no"), prediction("c0", "05:02:30", "yes")),
                List.of(prediction("p2", "05:00:10", "no"), prediction("p4", "05:00:20", "yes"),
                        prediction("p6", "05:00:30", "no"), prediction("c1", "05:02:30", "no"))));
        String badLabel = "{\"prediction_id\": \"p6\", \"model\": \"credit-default\", \"timestamp\": \"2026-11-28T05:01:00Z\"}";
        produce("c-labels", true, List.of(
                List.of(label("p1", "05:00:20", "yes"),      // first window, right
                        label("ghost", "05:00:30", "yes"),   // no such prediction: orphaned at 05:01:30
                        label("p3", "05:01:10", "yes"),      // delayed to the second window, right
                        label("p5", "05:01:20", "no"),       // second window, right
                        label("p5", "05:01:40", "yes"),      // duplicate: the first label wins
                        label("c0", "05:02:30", "yes")),
                List.of(label("p2", "05:00:40", "yes"),      // first window, wrong
                        badLabel,                            // no actual: partition 1, offset 1
                        label("p4", "05:01:50", "no"),       // delayed to the second window, wrong
                        label("c1", "05:02:30", "no"))));
        MonitoringConfig sinks = MonitoringConfig.load(null, Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(),
                "kafka.reports-topic", "c-model-window-reports", "kafka.transactional-id-prefix", "c-monitoring",
                "kafka.transaction-timeout", "10s"));
        JobClient job = startKafkaJob("c-", Map.of("source.labels", "kafka", "kafka.labels-topic", "c-labels",
                "idleness", "0s", "label-join.horizon", "5m", "label-join.orphan-wait", "1m"), Connectors.reportSink(sinks));
        try {
            Map<String, String> reports = committedReports("c-model-window-reports", 2);
            assertThat(reports.keySet()).as("the third window stays open").containsExactly(
                    "2026-11-28T05:00:00Z", "2026-11-28T05:01:00Z");
            // p1 right, p2 wrong; p6 is never labeled (its line is bad) and the orphan joins nothing.
            assertThat(REPORTS.parse(reports.get("2026-11-28T05:00:00Z").getBytes(StandardCharsets.UTF_8)))
                    .extracting(r -> r.volume().predictions(), r -> r.performance().labeled(), r -> r.performance().accuracy())
                    .containsExactly(6L, 2L, 0.5);
            // p3 and p5 right, p4 wrong, all predicted in the first window; p5's second label is a duplicate.
            assertThat(REPORTS.parse(reports.get("2026-11-28T05:01:00Z").getBytes(StandardCharsets.UTF_8)))
                    .extracting(r -> r.volume().predictions(), r -> r.performance().labeled(), r -> r.performance().accuracy())
                    .containsExactly(0L, 3L, 2.0 / 3);
            List<DeadLetter> deadLetters = readCommitted("c-monitoring-dead-letter", 2).stream()
                    .map(record -> new DeadLetterCodec().parse(record.value())).toList();
            assertThat(deadLetters).extracting(DeadLetter::sourceTopic, DeadLetter::partition, DeadLetter::offset,
                    DeadLetter::error).containsExactlyInAnyOrder(
                    tuple("c-labels", 1, 1L, "actual: is required"),
                    tuple("c-labels", -1, -1L, "orphaned label: no prediction 'ghost' arrived within PT1M of the label"));
            assertThat(deadLetters).extracting(DeadLetter::payload).contains(badLabel);
        } finally {
            job.cancel().get();
        }
    }

    private static String prediction(String id, String time, String predicted) {
        return "{\"prediction_id\": \"" + id + "\", \"model\": \"credit-default\", \"model_version\": \"v3\", "
                + "\"timestamp\": \"2026-11-28T" + time + "Z\", \"features\": {\"x\": 1.0}, \"latency_ms\": 5.0, "
                + "\"error\": null, \"prediction\": \"" + predicted + "\"}";
    }

    private static String label(String id, String time, String actual) {
        return "{\"prediction_id\": \"" + id + "\", \"model\": \"credit-default\", \"actual\": \"" + actual
                + "\", \"timestamp\": \"2026-11-28T" + time + "Z\"}";
    }

    /**
     * Throws once, on the first report of the armed window, as a crash mid-stream would. The test
     * produces the events that close that window only after an earlier report was committed, so a
     * checkpoint has completed by then.
     */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<WindowReport, WindowReport> {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private static volatile Instant failOn;

        static void arm(Instant windowStart) {
            failOn = windowStart;
            FAILED.set(false);
        }

        @Override
        public WindowReport map(WindowReport report) {
            if (report.windowStart().equals(failOn) && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            return report;
        }
    }
}
