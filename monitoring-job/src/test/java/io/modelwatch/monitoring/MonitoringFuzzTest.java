package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.common.dataset.DatasetReader;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.common.testing.HostileLines;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded mutations of valid prediction events and labels ({@link HostileLines}) through the whole
 * monitoring job on a MiniCluster (parallelism 1 and 2, with a labels file and a reference profile): the
 * job finishes, and count in = count out. Every non-blank line of the events file is counted in
 * {@code volume.predictions} of its window's last report, or is late (a dead letter without a line
 * number, since the window step no longer knows it), or is exactly one dead letter pointing at its
 * line, with a non-empty one-line reason. Every label line is counted in {@code performance.labeled},
 * or is late, orphaned, a dead letter of its line, or a duplicate ({@code duplicateLabels}). Every
 * dead letter is counted in {@code modelwatch_dead_letters}.
 */
class MonitoringFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final int EVENTS = 400;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}, parallelism {1}")
    @CsvSource({"11, 2", "23, 2", "47, 1"})
    void everyLineIsInAReportOrDeadLetteredOnceWithAOneLineReasonAndTheJobFinishes(long seed, int parallelism)
            throws Exception {
        HostileLines hostile = new HostileLines(seed, List.of("timestamp"), eventMutations());
        SplittableRandom random = hostile.random();
        List<byte[]> events = new ArrayList<>();
        List<ObjectNode> labels = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            ObjectNode event = event(i, random);
            if (random.nextInt(100) < 35) {
                events.addAll(hostile.mutate(event));
            } else {
                events.add(HostileLines.bytes(event));
            }
            if (random.nextBoolean()) {
                labels.add(label(event, random));
            }
        }
        List<byte[]> labelLines = new ArrayList<>();
        HostileLines hostileLabels = new HostileLines(seed + 1, List.of("timestamp"), List.of(
                (label, r) -> label.put("prediction_id", "ghost-" + r.nextInt(1000))));
        for (ObjectNode label : labels) {
            labelLines.addAll(random.nextInt(100) < 25 ? hostileLabels.mutate(label) : List.of(HostileLines.bytes(label)));
        }
        Path eventsFile = Files.write(dir.resolve("events.jsonl"), HostileLines.file(events));
        Path labelsFile = Files.write(dir.resolve("labels.jsonl"), HostileLines.file(labelLines));

        Run run = run(eventsFile, labelsFile, parallelism);

        Map<String, WindowReport> last = new LinkedHashMap<>();
        for (WindowReport report : run.reports()) {
            last.put(report.model() + "\u0000" + report.modelVersion() + "\u0000" + report.windowStart(), report);
        }
        long predicted = last.values().stream().mapToLong(r -> r.volume().predictions()).sum();
        long labeled = last.values().stream().mapToLong(r -> r.performance() == null ? 0 : r.performance().labeled()).sum();
        long lateEventsInReports = run.reports().stream().mapToLong(r -> r.volume().lateEvents()).sum();

        List<DeadLetter> letters = run.deadLetters();
        assertThat(letters).allSatisfy(MonitoringFuzzTest::assertOneLineReason);
        long badEventLines = assertLinesDeadLetteredOnce(letters, eventsFile, events);
        long badLabelLines = assertLinesDeadLetteredOnce(letters, labelsFile, labelLines);
        long lateEvents = 0;
        long lateLabels = 0;
        long orphans = 0;
        for (DeadLetter letter : letters) {
            if (letter.offset() != -1) {
                continue;
            }
            assertThat(letter.partition()).isEqualTo(-1);
            if (letter.error().startsWith("orphaned label: ")) {
                assertThat(letter.sourceTopic()).isEqualTo(labelsFile.toString());
                orphans++;
            } else if (letter.error().startsWith("timestamp: label of ")) {
                assertThat(letter.sourceTopic()).isEqualTo(labelsFile.toString());
                lateLabels++;
            } else if (letter.error().contains(" are late: they came from a partition that had been idle")) {
                JsonNode partial = JSON.readTree(letter.payload());
                lateEvents += partial.get("predictions").asLong();
                lateLabels += partial.get("outcomes").asLong();
            } else {
                assertThat(letter.error()).as("a late event").startsWith("timestamp: ").contains(" is late: ");
                assertThat(letter.sourceTopic()).isEqualTo(eventsFile.toString());
                lateEvents++;
            }
        }

        long eventLines = events.stream().filter(line -> !HostileLines.isBlank(line)).count();
        long labelLineCount = labelLines.stream().filter(line -> !HostileLines.isBlank(line)).count();
        String counts = "seed " + seed + ": " + eventLines + " event lines, " + predicted + " in reports, " + lateEvents
                + " late, " + badEventLines + " dead letters of lines; " + labelLineCount + " label lines, " + labeled
                + " labeled, " + lateLabels + " late, " + orphans + " orphaned, " + badLabelLines + " dead letters of lines, "
                + run.duplicateLabels() + " duplicates";
        assertThat(predicted + lateEvents + badEventLines).as(counts).isEqualTo(eventLines);
        assertThat(labeled + lateLabels + orphans + badLabelLines + run.duplicateLabels()).as(counts).isEqualTo(labelLineCount);
        assertThat(lateEventsInReports).as("late events counted in a later report of their model version, at most once")
                .isLessThanOrEqualTo(lateEvents);
        assertThat(run.deadLettersCounted()).as("modelwatch_dead_letters").isEqualTo(letters.size());
        // the mutations reached the job: plenty of every outcome
        assertThat(predicted).as(counts).isGreaterThan(EVENTS / 3);
        assertThat(badEventLines).as(counts).isGreaterThan(EVENTS / 10);
        assertThat(labeled).as(counts).isPositive();
        assertThat(lateEvents).as(counts).isPositive();
        assertThat(orphans).as(counts).isPositive();
    }

    @Test
    void linesThatAreNotUtf8AreDeadLettersThatSaySoWithTheByteOffset() throws Exception {
        ObjectNode valid = event(0, new SplittableRandom(1)).put("model", "credit");
        byte[] line = HostileLines.bytes(valid);
        String text = HostileLines.text(valid);
        int inModel = text.indexOf("\"model\":\"") + 9;
        byte[] bom = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, line);
        byte[] lone = concat(text.substring(0, inModel).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3},
                text.substring(inModel).getBytes(StandardCharsets.UTF_8));
        byte[] overlong = concat(text.substring(0, inModel).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, text.substring(inModel).getBytes(StandardCharsets.UTF_8));
        Path events = Files.write(dir.resolve("events.jsonl"), HostileLines.file(List.of(bom, line, lone, overlong)));

        Run run = run(events, null, 2);

        Map<Long, String> reasons = new LinkedHashMap<>();
        run.deadLetters().forEach(letter -> reasons.put(letter.offset(), letter.error()));
        assertThat(reasons).containsOnlyKeys(1L, 3L, 4L);
        assertThat(reasons.get(1L)).isEqualTo("$: not valid UTF-8 at byte offset 0 (FF, a UTF-16 byte order mark)");
        // the lone 0xC3 is followed by the 'c' of "credit", which cannot continue it
        assertThat(reasons.get(3L)).isEqualTo("$: not valid UTF-8 at byte offset " + inModel + " (C3 63)");
        assertThat(reasons.get(4L)).isEqualTo("$: not valid UTF-8 at byte offset " + inModel + " (E0 80 AF)");
        assertThat(run.reports().stream().mapToLong(r -> r.volume().predictions()).sum()).isEqualTo(1);
    }

    /** Lines with a dead letter of their own: each once, with the line as payload. Returns how many. */
    private static long assertLinesDeadLetteredOnce(List<DeadLetter> letters, Path file, List<byte[]> lines) {
        Set<Long> seen = new HashSet<>();
        for (DeadLetter letter : letters) {
            if (letter.offset() == -1 || !letter.sourceTopic().equals(file.toString())) {
                continue;
            }
            assertThat(seen.add(letter.offset())).as("one dead letter for line " + letter.offset() + " of " + file).isTrue();
            assertThat(letter.partition()).isEqualTo(-1);
            byte[] line = HostileLines.withoutCarriageReturn(lines.get((int) letter.offset() - 1));
            assertThat(HostileLines.isBlank(line)).as("a blank line is skipped, not a dead letter").isFalse();
            String expected = new String(line, StandardCharsets.UTF_8);
            if (line.length <= DeadLetter.MAX_PAYLOAD_BYTES) {
                assertThat(letter.payload()).as("line " + letter.offset()).isEqualTo(expected);
            } else {
                assertThat(expected).as("line " + letter.offset()).startsWith(letter.payload().substring(0, 1000));
            }
        }
        return seen.size();
    }

    private static void assertOneLineReason(DeadLetter letter) {
        assertThat(letter.error()).as("the reason of " + letter.sourceTopic() + ":" + letter.offset()).isNotBlank()
                .doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085")
                .matches(reason -> reason.chars().noneMatch(c -> c < 0x20 || c == 0x7F), "has no control characters");
    }

    private static List<BiConsumer<ObjectNode, SplittableRandom>> eventMutations() {
        return List.of(
                (event, random) -> event.put("model", "model-" + random.nextInt(1_000_000)),
                (event, random) -> ((ObjectNode) event.get("features")).put("income", "a lot"),
                (event, random) -> {
                    ObjectNode features = (ObjectNode) event.get("features");
                    for (int i = 0; i < 25; i++) {
                        features.put("extra" + i, i);
                    }
                },
                (event, random) -> event.put("timestamp", START.minusSeconds(random.nextInt(60, 3600)).toString()),
                (event, random) -> {
                    event.remove("prediction");
                    event.put("error", "timeout");
                },
                (event, random) -> event.put("latency_ms", -1),
                (event, random) -> event.putObject("probabilities").put("1", 1.5),
                (event, random) -> event.put("model_version", "v" + random.nextInt(3)));
    }

    /**
     * A valid event of about two per second, a little out of order and now and then minutes late
     * (its label too); most of the profiled model, some of others.
     */
    private static ObjectNode event(int i, SplittableRandom random) {
        ObjectNode event = JSON.createObjectNode();
        event.put("prediction_id", "p-" + i);
        int pick = random.nextInt(10);
        String model = pick < 6 ? "credit" : pick < 9 ? "fraud" : "spam";
        event.put("model", model);
        event.put("model_version", "v1");
        long millis = START.toEpochMilli() + i * 500L + random.nextInt(-3000, 3000);
        if (random.nextInt(100) < 3) {
            millis -= random.nextInt(120_000, 600_000); // late, unless the watermark is still before its window
        }
        if (random.nextBoolean()) {
            event.put("timestamp", Instant.ofEpochMilli(millis).toString());
        } else {
            event.put("timestamp", millis);
        }
        ObjectNode features = event.putObject("features");
        features.put("income", Math.round(random.nextDouble() * 100_000) / 100.0);
        features.put("age", random.nextInt(18, 90));
        features.put("segment", new String[] {"a", "b", "c"}[random.nextInt(3)]);
        String prediction = Integer.toString(random.nextInt(2));
        event.put("prediction", prediction);
        if (random.nextBoolean()) {
            double p = random.nextDouble();
            event.putObject("probabilities").put("0", 1 - p).put("1", p);
        }
        event.put("latency_ms", Math.round(random.nextDouble() * 5000) / 100.0);
        return event;
    }

    private static ObjectNode label(ObjectNode event, SplittableRandom random) {
        ObjectNode label = JSON.createObjectNode();
        label.put("prediction_id", event.get("prediction_id").asText());
        label.put("model", event.get("model").asText());
        label.put("actual", Integer.toString(random.nextInt(2)));
        JsonNode time = event.get("timestamp");
        long millis = time.isNumber() ? time.asLong() : Instant.parse(time.asText()).toEpochMilli();
        label.put("timestamp", Instant.ofEpochMilli(millis + random.nextInt(0, 20_000)).toString());
        return label;
    }

    private record Run(List<WindowReport> reports, List<DeadLetter> deadLetters, long duplicateLabels,
            long deadLettersCounted) {}

    private Run run(Path events, Path labels, int parallelism) throws Exception {
        StringBuilder reference = new StringBuilder();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            reference.append(HostileLines.text(event(i, random))).append('\n');
        }
        Path profile = dir.resolve("credit.json");
        ProfileCodec.write(new ProfileBuilder(ProfileOptions.defaults(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .build(DatasetReader.read(Files.writeString(dir.resolve("reference.jsonl"), reference)), "credit", null), profile);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", "1m");
        overrides.put("out-of-orderness", "10s");
        overrides.put("allowed-lateness", "30s");
        overrides.put("watermarks", "per-event");
        overrides.put("shards", "2");
        overrides.put("limits.max-models", "2");
        overrides.put("limits.max-features-per-event", "20");
        overrides.put("source.type", "file");
        overrides.put("source.path", events.toString());
        if (labels != null) {
            overrides.put("source.labels", "file");
            overrides.put("source.labels-path", labels.toString());
            overrides.put("label-join.horizon", "5m");
            overrides.put("label-join.orphan-wait", "1m");
        }
        overrides.put("sinks.kafka", "false");
        overrides.put("checkpoints.interval", "0s");
        overrides.put("reference", profile.toString());
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        ModelCatalog catalog = MonitoringJob.catalog(config);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config.checkpoints()));
        env.setParallelism(parallelism);
        DataStream.Collector<WindowReport> reports = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> deadLetters = new DataStream.Collector<>();
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config), Connectors.labelsSource(config),
                stream -> stream.collectAsync(reports), stream -> stream.collectAsync(deadLetters));
        JobClient job = env.executeAsync("fuzz");
        List<WindowReport> emitted = new ArrayList<>();
        reports.getOutput().forEachRemaining(emitted::add);
        List<DeadLetter> rejected = new ArrayList<>();
        deadLetters.getOutput().forEachRemaining(rejected::add);
        job.getJobExecutionResult().get(); // the job finished; a failure throws here
        return new Run(emitted, rejected, labels == null ? 0 : counted(job.getJobID(), "join labels to predictions", "duplicateLabels"),
                deadLettersCounted(job.getJobID()));
    }

    private static long counted(JobID job, String operator, String counter) {
        List<OperatorMetricGroup> instances = METRICS.findOperatorMetricGroups(job, operator);
        assertThat(instances).isNotEmpty();
        return instances.stream().mapToLong(group -> ((Counter) METRICS.getMetricsByGroup(group).get(counter)).getCount()).sum();
    }

    private static long deadLettersCounted(JobID job) {
        return METRICS.findMetrics(job, "modelwatch.dead_letters").values().stream()
                .mapToLong(metric -> ((Counter) metric).getCount()).sum();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
