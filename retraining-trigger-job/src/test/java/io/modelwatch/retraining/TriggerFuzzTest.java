package io.modelwatch.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.testing.HostileLines;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.flink.TriggerSettings;
import io.modelwatch.retraining.report.TestReports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded mutations of valid window reports ({@link HostileLines}) through the whole trigger job on a
 * MiniCluster (parallelism 2): the job finishes, and count in = count out. Every non-blank line of
 * the reports file is evaluated ({@code modelwatch_evaluated_reports}), dropped as a replay of an
 * evaluated or waiting window ({@code modelwatch_duplicate_reports}), or is exactly one dead letter
 * pointing at its line — rejected, or too late to evaluate in order — with a non-empty one-line
 * reason. Every decision comes with its audit record.
 */
class TriggerFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final int REPORTS = 300;
    private static final String RULES = """
            rules:
              - name: drift
                when: max_psi >= 0.2 or drift_share >= 0.5
                for: 2
                severity: critical
                cooldown: 10m
                actions: []
              - name: volume
                when: predictions > 50 and error_rate < 0.5
                severity: info
                actions: []
            """;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 17, 29})
    void everyReportIsEvaluatedDroppedAsAReplayOrDeadLetteredOnceWithAOneLineReasonAndTheJobFinishes(long seed)
            throws Exception {
        HostileLines hostile = new HostileLines(seed, List.of("window_start", "window_end"), reportMutations());
        SplittableRandom random = hostile.random();
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            ObjectNode report = report(i, random);
            lines.addAll(random.nextInt(100) < 35 ? hostile.mutate(report) : List.of(HostileLines.bytes(report)));
        }
        Path reports = Files.write(dir.resolve("reports.jsonl"), HostileLines.file(lines));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(config);
        env.setParallelism(2);
        DataStream.Collector<AuditRecord> audit = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> deadLetters = new DataStream.Collector<>();
        RetrainingTriggerJob.defineWorkflow(env, RetrainingTriggerJob.fileSource(reports),
                new TriggerSettings(RULES, Duration.ofMinutes(10), Duration.ofMinutes(1)), DeliverySettings.defaults(),
                stream -> stream.collectAsync(audit), stream -> stream.collectAsync(deadLetters));
        JobClient job = env.executeAsync("trigger fuzz");
        List<AuditRecord> audited = new ArrayList<>();
        audit.getOutput().forEachRemaining(audited::add);
        List<DeadLetter> letters = new ArrayList<>();
        deadLetters.getOutput().forEachRemaining(letters::add);
        job.getJobExecutionResult().get(); // the job finished; a failure throws here

        Set<Long> deadLines = new HashSet<>();
        long late = 0;
        for (DeadLetter letter : letters) {
            assertThat(letter.error()).as("the reason of line " + letter.offset()).isNotBlank()
                    .doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085")
                    .matches(reason -> reason.chars().noneMatch(c -> c < 0x20 || c == 0x7F), "has no control characters");
            assertThat(letter.sourceTopic()).isEqualTo(reports.toString());
            assertThat(letter.partition()).isEqualTo(-1);
            assertThat(deadLines.add(letter.offset())).as("one dead letter for line " + letter.offset()).isTrue();
            byte[] line = HostileLines.withoutCarriageReturn(lines.get((int) letter.offset() - 1));
            assertThat(HostileLines.isBlank(line)).as("a blank line is skipped, not a dead letter").isFalse();
            if (letter.error().startsWith("window_end: ") && letter.error().contains(" arrived after the report ending ")) {
                late++;
                assertThat(letter.payload()).as("a valid report, written again").startsWith("{\"model\":");
            } else if (line.length <= DeadLetter.MAX_PAYLOAD_BYTES) {
                assertThat(letter.payload()).as("line " + letter.offset()).isEqualTo(new String(line, StandardCharsets.UTF_8));
            }
        }
        long evaluated = counted(job.getJobID(), "modelwatch.evaluated_reports");
        long replays = counted(job.getJobID(), "modelwatch.duplicate_reports");
        long nonBlank = lines.stream().filter(line -> !HostileLines.isBlank(line)).count();
        String counts = "seed " + seed + ": " + nonBlank + " lines, " + evaluated + " evaluated, " + replays + " replays, "
                + letters.size() + " dead letters (" + late + " late)";
        assertThat(evaluated + replays + letters.size()).as(counts).isEqualTo(nonBlank);
        assertThat(counted(job.getJobID(), "modelwatch.dead_letters")).as("modelwatch_dead_letters").isEqualTo(letters.size());
        List<AuditRecord> decisions = audited.stream().filter(record -> record.kind().equals(AuditRecord.DECISION)).toList();
        assertThat(decisions).as(counts).isNotEmpty();
        // a rule decides at most once per evaluated report: no report, replayed or not, is evaluated twice
        assertThat(decisions).extracting(d -> d.rule() + "|" + d.model() + "|" + d.modelVersion() + "|" + d.windowEnd())
                .doesNotHaveDuplicates();
        assertThat(decisions.stream().filter(d -> d.rule().equals("volume")).count()).as(counts).isLessThanOrEqualTo(evaluated);
        // the mutations reached the job
        assertThat(evaluated).as(counts).isGreaterThan(REPORTS / 3);
        assertThat(letters.size()).as(counts).isGreaterThan(REPORTS / 10);
        assertThat(replays).as(counts).isPositive();
    }

    private static long counted(JobID job, String name) {
        return METRICS.findMetrics(job, name).entrySet().stream()
                .filter(metric -> metric.getKey().endsWith(name))
                .mapToLong(metric -> ((Counter) metric.getValue()).getCount()).sum();
    }

    /** Mutations only reports have: a replay of another window, out of order, odd keys and values. */
    private static List<BiConsumer<ObjectNode, SplittableRandom>> reportMutations() {
        return List.of(
                (report, random) -> report.put("model", new String[] {"", " ", "m\u0000", "ünïcödé", "x".repeat(5000)}[random.nextInt(5)]),
                (report, random) -> report.put("window_end", report.get("window_start").asText()),
                (report, random) -> report.put("window_start", TestReports.end(random.nextInt(1000)).toString()),
                (report, random) -> report.put("window_end", TestReports.end(random.nextInt(0, 40)).toString()),
                (report, random) -> report.putNull("volume"),
                (report, random) -> report.putObject("dataset_drift").put("share", 2).put("drifted", "maybe"),
                (report, random) -> report.putObject("concept_drift").put("state", "panic"),
                (report, random) -> ((ObjectNode) report.get("features")).putObject("income").put("type", "numerical")
                        .putObject("stats").put("psi", random.nextBoolean() ? 1e308 : -1));
    }

    /**
     * A valid report of one of three model versions, in window order with some out of order and some
     * replayed; drift now and then.
     */
    private static ObjectNode report(int i, SplittableRandom random) throws Exception {
        int window = i / 3 + 1;
        if (random.nextInt(100) < 5) {
            window = Math.max(1, window - random.nextInt(1, 8)); // out of order, beyond the 10-minute bound when 3 or more back
        }
        String version = "v" + (i % 3);
        double psi = random.nextInt(100) < 30 ? 0.3 : 0.01;
        return (ObjectNode) JSON.readTree(new ReportCodec().write(TestReports.report("m", version, window, psi)));
    }
}
