package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole workflow with a labels file on a MiniCluster (parallelism 2): per window, the
 * performance of the outcomes whose label became known in it, the label coverage, delays and the
 * estimated accuracy equal what make_window_oracle.py computes with NumPy, with one shard as with
 * four; orphaned and bad labels are dead letters, and the join counts unlabeled predictions and
 * duplicate labels.
 */
class GroundTruthMatchesTheOracleTest {
    private static final Path ORACLE = Path.of("src/test/resources/oracle/labels");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @ParameterizedTest(name = "with {0} shard(s)")
    @ValueSource(ints = {1, 4})
    void performanceOfEachWindowCoversTheLabelsThatArrivedInItAndMatchesTheOracle(int shards) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", "1m");
        overrides.put("out-of-orderness", "10s");
        overrides.put("watermarks", "per-event");
        overrides.put("shards", Integer.toString(shards));
        overrides.put("source.type", "file");
        overrides.put("source.path", ORACLE.resolve("predictions.jsonl").toString());
        overrides.put("source.labels", "file");
        overrides.put("source.labels-path", ORACLE.resolve("labels.jsonl").toString());
        overrides.put("label-join.horizon", "5m");
        overrides.put("label-join.orphan-wait", "1m");
        overrides.put("performance.regression-models", "[price]");
        overrides.put("concept-drift.detector", "adwin");
        overrides.put("sinks.kafka", "false");
        overrides.put("checkpoints.interval", "0s");
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        ModelCatalog catalog = MonitoringJob.catalog(config);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FlinkSettings.of(config.checkpoints()));
        env.setParallelism(2);
        DataStream.Collector<WindowReport> reports = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> deadLetters = new DataStream.Collector<>();
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config),
                Connectors.labelsSource(config), stream -> stream.collectAsync(reports),
                stream -> stream.collectAsync(deadLetters));
        JobClient job = env.executeAsync();
        List<WindowReport> emitted = new ArrayList<>();
        reports.getOutput().forEachRemaining(emitted::add);
        List<DeadLetter> rejected = new ArrayList<>();
        deadLetters.getOutput().forEachRemaining(rejected::add);
        job.getJobExecutionResult().get();

        JsonNode expected = JSON.readTree(ORACLE.resolve("expected.json").toFile());
        assertReportsMatch(expected.get("reports"), emitted);
        assertLabelDeadLetters(expected, rejected);
        assertThat(counted(job.getJobID(), "unlabeledPredictions")).isEqualTo(expected.get("unlabeled_predictions").asLong());
        assertThat(counted(job.getJobID(), "duplicateLabels")).isEqualTo(expected.get("duplicate_labels").asLong());
        assertThat(counted(job.getJobID(), "orphanedLabels")).isEqualTo(expected.get("orphaned_labels").asLong());
    }

    private static void assertReportsMatch(JsonNode expectedReports, List<WindowReport> emitted) throws Exception {
        Map<String, WindowReport> byWindow = new LinkedHashMap<>();
        ReportCodec codec = new ReportCodec();
        for (WindowReport report : emitted) {
            String key = report.model() + "/" + report.modelVersion() + "@" + report.windowStart();
            assertThat(byWindow.put(key, report)).as("one report for " + key).isNull();
        }
        assertThat(byWindow).hasSize(expectedReports.size());
        for (JsonNode want : expectedReports) {
            String key = want.get("model").asText() + "/" + want.get("model_version").asText() + "@"
                    + want.get("window_start").asText();
            assertThat(byWindow).as("a report for " + key).containsKey(key);
            JsonOracle.assertMatches(want, JSON.readTree(codec.write(byWindow.get(key))), key);
        }
    }

    private static void assertLabelDeadLetters(JsonNode expected, List<DeadLetter> rejected) throws Exception {
        List<String> lines = Files.readAllLines(ORACLE.resolve("labels.jsonl"), StandardCharsets.UTF_8);
        String labelsFile = ORACLE.resolve("labels.jsonl").toString();
        assertThat(rejected).allSatisfy(d -> assertThat(d.sourceTopic()).isEqualTo(labelsFile));
        List<DeadLetter> badLines = rejected.stream().filter(d -> !d.error().startsWith("orphaned label")).toList();
        List<Long> badLineNumbers = new ArrayList<>();
        expected.get("bad_label_lines").forEach(line -> badLineNumbers.add(line.asLong()));
        assertThat(badLines).extracting(DeadLetter::offset).containsExactlyInAnyOrderElementsOf(badLineNumbers);
        for (DeadLetter letter : badLines) {
            assertThat(letter.partition()).isEqualTo(-1);
            assertThat(letter.payload()).isEqualTo(lines.get((int) letter.offset() - 1));
        }
        assertThat(badLines).extracting(DeadLetter::error)
                .anySatisfy(e -> assertThat(e).isEqualTo("actual: is required"))
                .anySatisfy(e -> assertThat(e).startsWith("$: malformed JSON"))
                .anySatisfy(e -> assertThat(e).startsWith("timestamp: "));
        List<DeadLetter> orphans = rejected.stream().filter(d -> d.error().startsWith("orphaned label")).toList();
        assertThat(orphans).hasSize(expected.get("orphaned_labels").asInt())
                .allSatisfy(d -> assertThat(d.payload()).contains("\"prediction_id\":\"ghost-"));
        assertThat(rejected).as("nothing else: no late event or label").hasSize(badLines.size() + orphans.size());
    }

    /** A counter of the label join, summed over its parallel instances. */
    private static long counted(JobID job, String name) {
        List<OperatorMetricGroup> instances = METRICS.findOperatorMetricGroups(job, "join labels to predictions");
        assertThat(instances).hasSize(2);
        return instances.stream().mapToLong(group -> ((Counter) METRICS.getMetricsByGroup(group).get(name)).getCount()).sum();
    }
}
