package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Valid events, mutated at random (seeded) the ways broken producers and attackers mutate them,
 * through the whole workflow in a mini cluster: the job finishes, and every line that is not blank
 * is accounted for exactly once — counted in the volume of its window's (last) report, or a dead
 * letter with a one-line reason; a dead letter of a line points at that line.
 */
class MonitoringFuzzTest {
    private static final int LINES = 800;
    private static final EventCodec CODEC = new EventCodec();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    /** A mutation of one event's JSON text, given a random source. */
    private static final List<BiFunction<String, Random, byte[]>> MUTATIONS = List.of(
            (json, random) -> utf8(json.substring(0, random.nextInt(json.length()))),
            (json, random) -> {
                byte[] bytes = utf8(json);
                for (int i = 0; i < 3; i++) {
                    int replacement = random.nextInt(256);
                    // A line break would make two lines of one; every other byte value is fair game.
                    bytes[random.nextInt(bytes.length)] = (byte) (replacement == '\n' || replacement == '\r' ? 0 : replacement);
                }
                return bytes;
            },
            (json, random) -> utf8(json.replaceFirst("\"" + pick(random, "prediction_id", "model", "timestamp",
                    "prediction") + "\":", "\"renamed\":")),
            (json, random) -> utf8(json.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":" + pick(random,
                    "\"+999999999-12-31T23:59:59Z\"", "\"0000-01-01T00:00:00Z\"", "-9223372036854775808",
                    "9223372036854775807", "99999999999999999999999", "true", "\"2026-13-01T00:00:00Z\"",
                    "\"-999999999-01-01T00:00:00Z\"", "1e400"))),
            (json, random) -> utf8(json.replaceFirst("\"features\":\\{", "\"features\":{\"huge\":" + pick(random,
                    "1.7976931348623157e308", "-1.7976931348623157e308", "1e308", "4.9e-324", "NaN", "-Infinity",
                    "1e999") + ",")),
            (json, random) -> utf8(json.replaceFirst("\"features\":\\{", "\"features\":{\"deep\":"
                    + "[".repeat(2_000) + "]".repeat(2_000) + ",")),
            (json, random) -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                int cut = json.indexOf("\"model\":\"") + 9;
                bytes.writeBytes(utf8(json.substring(0, cut)));
                bytes.writeBytes(pick(random, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                        new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
                bytes.writeBytes(utf8(json.substring(cut)));
                return bytes.toByteArray();
            },
            (json, random) -> utf8(json.replaceFirst("\\{", "{\"model\":\"duplicate\",")),
            (json, random) -> utf8(json.replaceFirst("\"model\":\"[^\"]*\"", "\"model\":\"" + pick(random,
                    "m1", "m2", "m3", "m4", "m5", "a\\u0000b", "line\\nbreak", "x".repeat(300)) + "\"")),
            (json, random) -> utf8(json.replaceFirst("\\{", "{\"unknown\":{\"nested\":[1,2,3]},")),
            (json, random) -> utf8(json + json),
            (json, random) -> utf8(json.replaceFirst("\"features\":\\{", "\"features\":{\"pad\":\""
                    + "p".repeat(5_000) + "\",")),
            (json, random) -> utf8(json.replaceFirst("\"latency_ms\":[^,}]*", "\"latency_ms\":" + pick(random,
                    "-1", "\"fast\"", "1e308", "null"))),
            (json, random) -> utf8(pick(random, "[]", "null", "\"text\"", "{}", "{\"model\":", "\uFEFF" + json)));

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Blank as the file source skips it: nothing but spaces and tabs. */
    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Two events per second of event time over five minutes: five one-minute windows. A tenth of the
     * events are re-stamped minutes earlier, so that some are late beyond the allowed lateness.
     */
    private static List<byte[]> lines(long seed) {
        Random random = new Random(seed);
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS.withSeed(seed).withEventsPerSecond(2));
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            PredictionEvent event = generator.event(i);
            if (random.nextInt(10) == 0) {
                event = new PredictionEvent(event.predictionId(), event.model(), event.modelVersion(),
                        event.timestamp().minusSeconds(60 + random.nextInt(120)), event.features(), event.prediction(),
                        event.probabilities(), event.actual(), event.latencyMs(), event.error());
            }
            String json = new String(CODEC.write(event), StandardCharsets.UTF_8);
            lines.add(random.nextBoolean() ? utf8(json) : MUTATIONS.get(random.nextInt(MUTATIONS.size())).apply(json, random));
        }
        return lines;
    }

    @ParameterizedTest(name = "seed {0}, parallelism {1}")
    @CsvSource({"1, 1", "2, 2", "3, 2"})
    void everyLineIsCountedInAReportOrDeadLetteredOnceAndTheJobFinishes(long seed, int parallelism) throws Exception {
        List<byte[]> lines = lines(seed);
        Path events = dir.resolve("events-" + seed + ".jsonl");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            file.writeBytes(line);
            file.write('\n');
        }
        Files.write(events, file.toByteArray());
        long notBlank = lines.stream().filter(line -> !isBlank(line)).count();

        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", "1m");
        overrides.put("out-of-orderness", "5s");
        overrides.put("allowed-lateness", "10s");
        overrides.put("watermarks", "per-event");
        overrides.put("limits.max-models", "3");
        overrides.put("limits.max-event-bytes", "4096");
        overrides.put("source.type", "file");
        overrides.put("source.path", events.toString());
        overrides.put("sinks.kafka", "false");
        overrides.put("checkpoints.interval", "0s");
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        ModelCatalog catalog = MonitoringJob.catalog(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config.checkpoints()));
        env.setParallelism(parallelism);
        DataStream.Collector<WindowReport> reports = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> deadLetters = new DataStream.Collector<>();
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config, catalog),
                stream -> stream.collectAsync(reports), stream -> stream.collectAsync(deadLetters));
        env.executeAsync();
        List<WindowReport> emitted = new ArrayList<>();
        reports.getOutput().forEachRemaining(emitted::add);
        // A window reported again (an event within the allowed lateness) is counted by its last report.
        Map<String, WindowReport> lastReport = new LinkedHashMap<>();
        emitted.forEach(report -> lastReport.put(report.model() + "/" + report.modelVersion() + "@" + report.windowStart(), report));
        List<DeadLetter> rejected = new ArrayList<>();
        deadLetters.getOutput().forEachRemaining(rejected::add);

        long counted = lastReport.values().stream().mapToLong(report -> report.volume().predictions()).sum();
        assertThat(counted + rejected.size()).as("events in reports (%d) plus dead letters (%d)", counted, rejected.size())
                .isEqualTo(notBlank);
        assertThat(rejected).allSatisfy(letter -> {
            assertThat(letter.error()).isNotBlank().doesNotContain("\n", "\r");
            if (letter.offset() != -1) {
                byte[] line = lines.get((int) letter.offset() - 1);
                if (line.length <= DeadLetter.MAX_PAYLOAD_BYTES) {
                    assertThat(letter.payload()).as("dead letter of line %d", letter.offset())
                            .isEqualTo(new String(line, StandardCharsets.UTF_8));
                }
            }
        });
        assertThat(rejected).as("late events were dead-lettered too").anySatisfy(letter -> assertThat(letter.error()).contains("is late"));
        // A late event counts in the next report of its model version, if one comes after it.
        assertThat(emitted.stream().mapToLong(report -> report.volume().lateEvents()).sum())
                .as("late events counted in reports").isPositive()
                .isLessThanOrEqualTo(rejected.stream().filter(letter -> letter.error().contains("is late")).count());
    }
}
