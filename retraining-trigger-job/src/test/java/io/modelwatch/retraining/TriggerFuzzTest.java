package io.modelwatch.retraining;

import static io.modelwatch.retraining.RetrainingTriggerJobTest.drain;
import static io.modelwatch.retraining.RetrainingTriggerJobTest.environment;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.flink.TriggerSettings;
import io.modelwatch.retraining.report.TestReports;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window reports, each of its own window, mutated at random (seeded), through the trigger job's
 * whole workflow in a mini cluster under a rule that fires on every report it can evaluate: the
 * job finishes, and every line is either a decision or a dead letter with a one-line reason —
 * broken lines, and reports that came after a far-future report moved the watermark past them.
 * (Every line has a window of its own: a second report of one window is a replay, dropped and
 * counted in {@code duplicate_reports}.)
 */
class TriggerFuzzTest {
    private static final int LINES = 400;
    private static final String EVERY_REPORT = """
            rules:
              - name: every-report
                when: predictions >= 0
                for: 1
                severity: info
                actions: []
            """;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    /** Mutations that keep a report valid (with its volume) or certainly break it. */
    private static final List<BiFunction<String, Random, byte[]>> MUTATIONS = List.of(
            (json, random) -> utf8(json.substring(0, random.nextInt(json.length()))),
            (json, random) -> utf8(json.replaceFirst("\"" + pick(random, "model", "window_start", "window_end")
                    + "\":\"[^\"]*\"", "\"renamed\":\"x\"")),
            (json, random) -> utf8(json.replaceFirst("\"window_end\":\"[^\"]*\"", "\"window_end\":" + pick(random,
                    "\"+999999999-12-31T23:59:59Z\"", "\"0000-01-01T00:00:00Z\"", "-9223372036854775808",
                    "9223372036854775807", "true", "\"2026-02-30T00:00:00Z\"", "[]"))),
            (json, random) -> utf8(json.replaceFirst("\"psi\":[^,}]*", "\"psi\":" + pick(random,
                    "1.7976931348623157e308", "-1e308", "4.9e-324"))),
            (json, random) -> utf8(json.replaceFirst("\\{", "{\"unknown\":{\"nested\":[1,[2,[3]]]},")),
            (json, random) -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                int cut = json.indexOf("\"model\":\"") + 9;
                bytes.writeBytes(utf8(json.substring(0, cut)));
                bytes.writeBytes(pick(random, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                        new byte[] {(byte) 0xC0, (byte) 0xAF}));
                bytes.writeBytes(utf8(json.substring(cut)));
                return bytes.toByteArray();
            },
            (json, random) -> utf8(pick(random, "[]", "null", "42", "{", "\"report\"", json + json,
                    "[".repeat(5_000))));

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void everyReportIsDecidedOnOrDeadLetteredOnceAndTheJobFinishes(long seed) throws Exception {
        Random random = new Random(seed);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[]> lines = new ArrayList<>();
        for (int i = 1; i <= LINES; i++) {
            String json = TestReports.jsonLine("m", "v" + random.nextInt(3), i, random.nextDouble());
            byte[] line = random.nextInt(3) == 0 ? MUTATIONS.get(random.nextInt(MUTATIONS.size())).apply(json, random)
                    : utf8(json);
            if (i == LINES * 3 / 4) {
                // A valid report from the last window of year 9999: every report after it is too late to evaluate.
                line = utf8(json.replaceFirst("\"window_end\":\"[^\"]*\"", "\"window_end\":\"9999-12-31T23:59:59Z\"")
                        .replaceFirst("\"window_start\":\"[^\"]*\"", "\"window_start\":\"9999-12-31T23:54:59Z\""));
            }
            lines.add(line);
            file.writeBytes(line);
            file.write('\n');
        }
        Path reports = Files.write(dir.resolve("reports-" + seed + ".jsonl"), file.toByteArray());

        StreamExecutionEnvironment env = environment();
        DataStream.Collector<Decision> decisions = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> deadLetters = new DataStream.Collector<>();
        RetrainingTriggerJob.defineWorkflow(env, RetrainingTriggerJob.fileSource(reports),
                new TriggerSettings(EVERY_REPORT, Duration.ofMinutes(10), Duration.ofMinutes(1)),
                stream -> stream.collectAsync(decisions), stream -> stream.collectAsync(deadLetters));
        env.executeAsync("trigger over mutated reports");

        List<Decision> decided = drain(decisions.getOutput());
        List<DeadLetter> rejected = drain(deadLetters.getOutput());
        assertThat(decided.size() + rejected.size()).as("decisions (%d) plus dead letters (%d)", decided.size(),
                rejected.size()).isEqualTo(LINES);
        assertThat(rejected).allSatisfy(letter -> {
            assertThat(letter.error()).isNotBlank().doesNotContain("\n", "\r");
            if (letter.offset() > 0) {
                assertThat(letter.payload()).as("dead letter of line %d", letter.offset())
                        .isEqualTo(new String(lines.get((int) letter.offset() - 1), StandardCharsets.UTF_8));
            }
        });
    }
}
