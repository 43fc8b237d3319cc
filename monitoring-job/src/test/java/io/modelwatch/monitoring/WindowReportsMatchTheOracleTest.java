package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.dataset.DatasetReader;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.report.WindowReport;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole workflow on a MiniCluster (parallelism 2) over the oracle's event file: reports equal
 * what make_window_oracle.py computes with NumPy/SciPy, with one shard as with four, and every bad,
 * late and over-limit record is a dead letter pointing at its line.
 */
class WindowReportsMatchTheOracleTest {
    private static final Path ORACLE = Path.of("src/test/resources/oracle/window");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "with {0} shard(s)")
    @ValueSource(ints = {1, 4})
    void reportsOfALoggedStreamMatchTheOracleAndBadRecordsAreDeadLettered(int shards) throws Exception {
        Path profile = dir.resolve("credit.json");
        ProfileCodec.write(new ProfileBuilder(ProfileOptions.defaults(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .build(DatasetReader.read(ORACLE.resolve("reference.jsonl")), "credit", null), profile);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", "1m");
        overrides.put("out-of-orderness", "10s");
        overrides.put("allowed-lateness", "30s");
        overrides.put("watermarks", "per-event");
        overrides.put("shards", Integer.toString(shards));
        overrides.put("limits.max-models", "1");
        overrides.put("limits.max-features-per-event", "20");
        overrides.put("source.type", "file");
        overrides.put("source.path", ORACLE.resolve("events.jsonl").toString());
        overrides.put("sinks.kafka", "false");
        overrides.put("checkpoints.interval", "0s");
        overrides.put("reference", profile.toString());
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        ModelCatalog catalog = MonitoringJob.catalog(config);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FlinkSettings.of(config.checkpoints()));
        env.setParallelism(2);
        DataStream.Collector<WindowReport> reports = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> deadLetters = new DataStream.Collector<>();
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config),
                stream -> stream.collectAsync(reports), stream -> stream.collectAsync(deadLetters));
        env.executeAsync();
        List<WindowReport> emitted = new ArrayList<>();
        reports.getOutput().forEachRemaining(emitted::add);
        List<DeadLetter> rejected = new ArrayList<>();
        deadLetters.getOutput().forEachRemaining(rejected::add);

        JsonNode expected = JSON.readTree(ORACLE.resolve("expected.json").toFile());
        assertFinalReportsMatch(expected.get("reports"), emitted);
        assertThat(emitted.stream().filter(r -> r.model().equals("credit")).mapToLong(r -> r.volume().lateEvents()).sum())
                .as("events past the allowed lateness, each counted once").isEqualTo(2);
        assertThat(emitted.stream().filter(r -> r.model().equals("fraud")).mapToLong(r -> r.volume().lateEvents()).sum())
                .isZero();
        assertDeadLetters(expected.get("dead_letters"), rejected);
    }

    /** The last report of each window counts everything; a window with a late event may have an earlier one too. */
    private static void assertFinalReportsMatch(JsonNode expectedReports, List<WindowReport> emitted) throws Exception {
        Map<String, WindowReport> last = new LinkedHashMap<>();
        Map<String, Integer> perWindow = new LinkedHashMap<>();
        for (WindowReport report : emitted) {
            String key = report.model() + "/" + report.modelVersion() + "@" + report.windowStart();
            last.put(key, report);
            perWindow.merge(key, 1, Integer::sum);
        }
        assertThat(last).hasSize(expectedReports.size());
        ReportCodec codec = new ReportCodec();
        for (JsonNode want : expectedReports) {
            String key = want.get("model").asText() + "/" + want.get("model_version").asText() + "@"
                    + want.get("window_start").asText();
            assertThat(last).as("a report for " + key).containsKey(key);
            JsonNode actual = JSON.readTree(codec.write(last.get(key)));
            JsonOracle.assertMatches(want, actual, key);
        }
        assertThat(perWindow.get("credit/v1@2026-01-01T00:01:00Z")).as("reports of the window with an event "
                + "within the allowed lateness").isBetween(1, 2);
        perWindow.remove("credit/v1@2026-01-01T00:01:00Z");
        assertThat(perWindow).as("one report for every other window").allSatisfy((window, count) ->
                assertThat(count).as(window + ": " + emitted.stream().filter(r -> window.equals(r.model() + "/"
                        + r.modelVersion() + "@" + r.windowStart())).map(r -> r.volume()).toList()).isEqualTo(1));
    }

    private static void assertDeadLetters(JsonNode expected, List<DeadLetter> rejected) throws Exception {
        List<String> lines = Files.readAllLines(ORACLE.resolve("events.jsonl"), StandardCharsets.UTF_8);
        List<DeadLetter> late = rejected.stream().filter(d -> d.offset() == -1).toList();
        List<DeadLetter> fromLines = rejected.stream().filter(d -> d.offset() != -1).toList();
        assertThat(late).hasSize(expected.get("late").asInt())
                .allSatisfy(d -> assertThat(d.error()).startsWith("timestamp: ").contains("is late"));
        assertThat(fromLines).hasSize(expected.get("bad_lines").asInt() + expected.get("over_model_limit").asInt());
        for (DeadLetter letter : fromLines) {
            assertThat(letter.partition()).isEqualTo(-1);
            assertThat(letter.payload()).as("line " + letter.offset()).isEqualTo(lines.get((int) letter.offset() - 1));
        }
        assertThat(fromLines).extracting(DeadLetter::error).anySatisfy(e -> assertThat(e).startsWith("timestamp: "))
                .anySatisfy(e -> assertThat(e).startsWith("$: malformed JSON"))
                .anySatisfy(e -> assertThat(e).startsWith("latency_ms: must not be negative"))
                .anySatisfy(e -> assertThat(e).startsWith("features: 25 features are over the limit of 20"))
                .anySatisfy(e -> assertThat(e).startsWith("features.income: expected a number"))
                .anySatisfy(e -> assertThat(e).startsWith("$: expected a JSON object"))
                .anySatisfy(e -> assertThat(e).startsWith("model: 'spam' is not monitored"));
    }
}
