package io.modelwatch.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.cli.CliRun;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --windows --format json} over generated window reports: every series holds, window by
 * window, the value of the report it came from, computed here from the reports themselves.
 */
class TimelineJsonTest {
    static final String MODEL = "credit-default";
    @TempDir
    static Path dir;
    static List<WindowReport> reports;
    static Decision critical;
    static Decision accuracyDrop;
    static Path windows;
    static Path decisions;

    @BeforeAll
    static void writeInputs() {
        List<WindowReport> all = new ArrayList<>();
        all.addAll(GeneratedWindows.windows(MODEL, "v3", 40, 20, 1, Set.of(25)));
        all.addAll(GeneratedWindows.windows(MODEL, "v4", 10, 100, 2, Set.of()));
        all.addAll(GeneratedWindows.windows("fraud", "v1", 5, 3, 3, Set.of()));
        // The file's order is not the windows' order.
        Collections.shuffle(all, new Random(7));
        reports = List.copyOf(all);
        windows = GeneratedWindows.write(dir.resolve("reports.jsonl"), reports);

        critical = GeneratedWindows.decision(MODEL, "v3", "critical-drift", Severity.CRITICAL, 21, Map.of("max_psi", 0.7));
        accuracyDrop = GeneratedWindows.decision(MODEL, "v3", "accuracy-drop", Severity.WARNING, 22, Map.of("accuracy", 0.71));
        Decision elsewhere = GeneratedWindows.decision("unknown", "v9", "critical-drift", Severity.CRITICAL, 3, Map.of());
        String delivery = "{\"kind\":\"delivery\",\"idempotency_key\":\"" + critical.idempotencyKey() + "\",\"model\":\""
                + MODEL + "\",\"model_version\":\"v3\",\"rule\":\"critical-drift\",\"severity\":\"critical\","
                + "\"window_start\":\"" + critical.windowStart() + "\",\"window_end\":\"" + critical.windowEnd() + "\","
                + "\"action\":\"retrain\",\"target_type\":\"airflow\",\"outcome\":\"delivered\",\"attempts\":1,\"status\":200,"
                + "\"detail\":\"HTTP 200\"}";
        decisions = GeneratedWindows.writeString(dir.resolve("decisions.jsonl"), String.join("\n",
                GeneratedWindows.triggerLine(accuracyDrop), GeneratedWindows.auditLine(critical), "",
                delivery, GeneratedWindows.auditLine(elsewhere)) + "\n");
    }

    static JsonNode timeline(String... options) throws IOException {
        Path out = dir.resolve("timeline-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("report", "--windows", windows.toString(), "--decisions",
                decisions.toString(), "--format", "json", "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        return new ObjectMapper().readTree(out.toFile());
    }

    /** The input reports of one model version, in window order. */
    static List<WindowReport> expected(String model, String version) {
        return reports.stream().filter(report -> report.model().equals(model) && report.modelVersion().equals(version))
                .sorted(Comparator.comparing(WindowReport::windowStart)).toList();
    }

    static JsonNode version(JsonNode timeline, String model, String version) {
        for (JsonNode node : timeline.get("model_versions")) {
            if (node.get("model").asText().equals(model) && node.get("model_version").asText().equals(version)) {
                return node;
            }
        }
        throw new AssertionError("no model version " + model + "@" + version + " in " + timeline);
    }

    @Test
    void everySeriesHoldsTheValuesOfTheReportsWindowByWindow() throws IOException {
        JsonNode timeline = timeline();

        assertThat(timeline.get("format").asText()).isEqualTo("modelwatch-timeline");
        assertThat(timeline.get("model_versions")).extracting(node -> node.get("model").asText() + "@"
                + node.get("model_version").asText()).containsExactly("credit-default@v3", "credit-default@v4", "fraud@v1");
        for (String[] key : List.of(new String[] {MODEL, "v3"}, new String[] {MODEL, "v4"}, new String[] {"fraud", "v1"})) {
            List<WindowReport> expected = expected(key[0], key[1]);
            JsonNode node = version(timeline, key[0], key[1]);

            assertThat(node.get("windows").get("start")).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(expected.stream().map(r -> r.windowStart().toString()).toList());
            assertThat(node.get("windows").get("end")).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(expected.stream().map(r -> r.windowEnd().toString()).toList());
            assertSeries(node.get("volume").get("predictions"), expected, r -> r.volume().predictions());
            assertSeries(node.get("volume").get("errors"), expected, r -> r.volume().errors());
            assertSeries(node.get("volume").get("error_rate"), expected, r -> r.volume().errorRate());
            assertSeries(node.get("volume").get("late_events"), expected, r -> r.volume().lateEvents());
            assertSeries(node.get("latency_ms").get("p50"), expected, r -> r.latencyMs().p50());
            assertSeries(node.get("latency_ms").get("p95"), expected, r -> r.latencyMs().p95());
            assertSeries(node.get("latency_ms").get("p99"), expected, r -> r.latencyMs().p99());
            assertSeries(node.get("performance").get("accuracy"), expected, r -> r.performance() == null ? null : r.performance().accuracy());
            assertSeries(node.get("performance").get("f1_weighted"), expected, r -> r.performance() == null ? null : r.performance().f1Weighted());
            assertSeries(node.get("performance").get("f1_macro"), expected, r -> r.performance() == null ? null : r.performance().f1Macro());
            assertSeries(node.get("performance").get("estimated_accuracy"), expected,
                    r -> r.performance() == null ? null : r.performance().estimatedAccuracy());
            assertSeries(node.get("performance").get("label_coverage"), expected,
                    r -> r.performance() == null ? null : r.performance().labelCoverage());
            assertSeries(node.get("performance").get("labeled"), expected, r -> r.performance() == null ? null : r.performance().labeled());
            assertSeries(node.get("performance").get("mae"), expected, r -> null);
            assertSeries(node.get("dataset_drift").get("share"), expected, r -> r.datasetDrift().share());
            assertSeries(node.get("dataset_drift").get("drifted_features"), expected, r -> r.datasetDrift().driftedFeatures());
            assertThat(node.get("dataset_drift").get("drifted")).extracting(JsonNode::asBoolean)
                    .containsExactlyElementsOf(expected.stream().map(r -> r.datasetDrift().drifted()).toList());
            assertThat(node.get("concept_drift").get("state")).extracting(state -> state.isNull() ? null : state.asText())
                    .containsExactlyElementsOf(expected.stream().map(r -> r.conceptDrift() == null ? null : r.conceptDrift().state()).toList());
            for (String label : List.of("0", "1")) {
                assertSeries(node.get("prediction_shares").get(label), expected,
                        r -> r.predictionDistribution().isEmpty() ? null : r.predictionDistribution().get(label));
            }
            for (JsonNode feature : node.get("features")) {
                String name = feature.get("name").asText();
                assertSeries(feature.get("score"), expected, r -> verdict(r, name, v -> v.drift().score()));
                assertSeries(feature.get("p_value"), expected, r -> verdict(r, name, v -> v.drift().pValue()));
                assertSeries(feature.get("threshold"), expected, r -> verdict(r, name, v -> v.drift().threshold()));
                assertSeries(feature.get("psi"), expected, r -> verdict(r, name, v -> v.stats().get("psi")));
                assertSeries(feature.get("missing_share"), expected, r -> verdict(r, name, FeatureReport::missingShare));
                assertThat(feature.get("drifted")).extracting(value -> value.isNull() ? null : value.asBoolean())
                        .containsExactlyElementsOf(expected.stream().map(r -> r.features().get(name) == null ? null
                                : (Boolean) r.features().get(name).drift().drifted()).toList());
                assertThat(feature.get("drifted_windows").asInt()).isEqualTo(driftedWindows(expected, name));
            }
        }
    }

    @Test
    void aWindowWithoutAMetricIsANullNeverAZero() throws IOException {
        JsonNode v3 = version(timeline(), MODEL, "v3");
        List<WindowReport> expected = expected(MODEL, "v3");

        JsonNode accuracy = v3.get("performance").get("accuracy");
        JsonNode p99 = v3.get("latency_ms").get("p99");
        JsonNode tenure = feature(v3, GeneratedWindows.TENURE).get("score");
        int gaps = 0;
        for (int i = 0; i < expected.size(); i++) {
            assertThat(accuracy.get(i).isNull()).isEqualTo(expected.get(i).performance() == null);
            assertThat(p99.get(i).isNull()).isEqualTo(expected.get(i).latencyMs().count() == 0);
            assertThat(tenure.get(i).isNull()).isEqualTo(!expected.get(i).features().containsKey(GeneratedWindows.TENURE));
            gaps += accuracy.get(i).isNull() ? 1 : 0;
        }
        assertThat(gaps).isPositive();
        assertThat(accuracy).noneMatch(value -> value.isNumber() && value.asDouble() == 0);
    }

    @Test
    void featuresComeInOrderOfHowManyWindowsTheyDriftedIn() throws IOException {
        JsonNode v3 = version(timeline(), MODEL, "v3");
        List<WindowReport> expected = expected(MODEL, "v3");
        Set<String> names = new LinkedHashSet<>();
        expected.forEach(report -> names.addAll(report.features().keySet()));
        List<String> order = new ArrayList<>(names);
        order.sort(Comparator.comparingInt((String name) -> driftedWindows(expected, name)).reversed());

        assertThat(v3.get("features")).extracting(feature -> feature.get("name").asText()).containsExactlyElementsOf(order);
        assertThat(order.get(0)).isEqualTo(GeneratedWindows.INCOME);
        JsonNode income = v3.get("features").get(0);
        assertThat(income.get("method").asText()).isEqualTo("wasserstein");
        // Windows 20 … 39 drift, but window 25 is missing from the file: a run of 5, then one of 14.
        assertThat(income.get("drifted_windows").asInt()).isEqualTo(19);
        assertThat(income.get("longest_run").asInt()).isEqualTo(14);
        assertThat(income.get("current_run").asInt()).isEqualTo(14);
    }

    @Test
    void theSummaryTellsTheVerdictAtAGlance() throws IOException {
        JsonNode summary = version(timeline(), MODEL, "v3").get("summary");
        List<WindowReport> expected = expected(MODEL, "v3");
        List<WindowReport> drifted = expected.stream()
                .filter(r -> r.features().values().stream().anyMatch(f -> f.drift() != null && f.drift().drifted())).toList();

        assertThat(summary.get("windows").asInt()).isEqualTo(expected.size()).isEqualTo(39);
        assertThat(summary.get("drifted_windows").asInt()).isEqualTo(drifted.size());
        assertThat(summary.get("drifted_share").asDouble()).isEqualTo((double) drifted.size() / expected.size());
        assertThat(summary.get("first_drifted_window").get("start").asText()).isEqualTo(drifted.get(0).windowStart().toString());
        assertThat(summary.get("dataset_drift_windows").asInt())
                .isEqualTo((int) expected.stream().filter(r -> r.datasetDrift().drifted()).count());
        JsonNode current = summary.get("current");
        assertThat(current.get("state").asText()).isEqualTo("drifting");
        assertThat(current.get("window_end").asText()).isEqualTo(expected.get(expected.size() - 1).windowEnd().toString());
        assertThat(current.get("drifted_features")).extracting(JsonNode::asText).contains(GeneratedWindows.INCOME);
        assertThat(current.get("concept_drift").asText()).isEqualTo("drift");
        assertThat(summary.get("decisions").asInt()).isEqualTo(2);
        assertThat(summary.get("decisions_by_rule").get("critical-drift").asInt()).isEqualTo(1);
        assertThat(summary.get("decisions_by_rule").get("accuracy-drop").asInt()).isEqualTo(1);

        JsonNode stable = version(timeline(), MODEL, "v4").get("summary");
        assertThat(stable.get("drifted_windows").asInt()).isZero();
        assertThat(stable.get("first_drifted_window").isNull()).isTrue();
        assertThat(stable.get("current").get("state").asText()).isEqualTo("stable");
    }

    @Test
    void decisionsOfBothShapesSitOnTheWindowTheyFiredOn() throws IOException {
        JsonNode v3 = version(timeline(), MODEL, "v3");
        List<WindowReport> expected = expected(MODEL, "v3");

        JsonNode decisions = v3.get("decisions");
        assertThat(decisions).hasSize(2);
        JsonNode first = decisions.get(0);
        assertThat(first.get("rule").asText()).isEqualTo("critical-drift");
        assertThat(first.get("window").asInt()).isEqualTo(indexOfEnd(expected, critical));
        assertThat(first.get("window_start").asText()).isEqualTo(critical.windowStart().toString());
        assertThat(first.get("severity").asText()).isEqualTo("critical");
        assertThat(first.get("reason").asText()).isEqualTo("max_psi = 0.7000");
        assertThat(first.get("metrics").get("max_psi").asDouble()).isEqualTo(0.7);
        assertThat(first.get("idempotency_key").asText()).isEqualTo(critical.idempotencyKey());
        assertThat(first.get("actions")).extracting(JsonNode::asText).containsExactly("retrain", "alert");
        assertThat(first.get("deliveries")).hasSize(1);
        assertThat(first.get("deliveries").get(0).get("outcome").asText()).isEqualTo("delivered");

        // modelwatch trigger's line: no window start, no metrics, so no reason.
        JsonNode second = decisions.get(1);
        assertThat(second.get("rule").asText()).isEqualTo("accuracy-drop");
        assertThat(second.get("window").asInt()).isEqualTo(indexOfEnd(expected, accuracyDrop));
        assertThat(second.get("window_start").isNull()).isTrue();
        assertThat(second.get("reason").isNull()).isTrue();
        assertThat(second.get("idempotency_key").asText()).isEqualTo(accuracyDrop.idempotencyKey());

        assertThat(version(timeline(), MODEL, "v4").get("decisions")).isEmpty();
    }

    @Test
    void modelFromAndToKeepOnlyTheirWindowsAndDecisions() throws IOException {
        JsonNode timeline = timeline("--model", MODEL + "@v3", "--from", GeneratedWindows.start(10).toString(),
                "--to", GeneratedWindows.start(22).toString());

        assertThat(timeline.get("filter").get("model").asText()).isEqualTo("credit-default@v3");
        assertThat(timeline.get("model_versions")).hasSize(1);
        JsonNode v3 = timeline.get("model_versions").get(0);
        List<WindowReport> kept = expected(MODEL, "v3").stream()
                .filter(r -> !r.windowStart().isBefore(GeneratedWindows.start(10)) && !r.windowEnd().isAfter(GeneratedWindows.start(22)))
                .toList();
        assertThat(kept).hasSize(12);
        assertThat(v3.get("windows").get("start")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(kept.stream().map(r -> r.windowStart().toString()).toList());
        assertSeries(v3.get("performance").get("accuracy"), kept, r -> r.performance() == null ? null : r.performance().accuracy());
        // critical-drift fired on window 21 (ends at 22): kept; accuracy-drop on window 22: after --to.
        assertThat(v3.get("decisions")).extracting(d -> d.get("rule").asText()).containsExactly("critical-drift");

        JsonNode byName = timeline("--model", MODEL);
        assertThat(byName.get("model_versions")).extracting(node -> node.get("model_version").asText()).containsExactly("v3", "v4");
        JsonNode fraud = timeline("--model", "fraud", "--from", "2026-11-28");
        assertThat(fraud.get("model_versions")).hasSize(1);
        assertThat(fraud.get("model_versions").get(0).get("windows").get("start")).hasSize(5);
    }

    static int indexOfEnd(List<WindowReport> windows, Decision decision) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).windowEnd().equals(decision.windowEnd())) {
                return i;
            }
        }
        throw new AssertionError("no window ends at " + decision.windowEnd());
    }

    static JsonNode feature(JsonNode version, String name) {
        for (JsonNode feature : version.get("features")) {
            if (feature.get("name").asText().equals(name)) {
                return feature;
            }
        }
        throw new AssertionError("no feature " + name);
    }

    private static int driftedWindows(List<WindowReport> windows, String name) {
        return (int) windows.stream().map(r -> r.features().get(name))
                .filter(f -> f != null && f.drift() != null && f.drift().drifted()).count();
    }

    private static Number verdict(WindowReport report, String name, Function<FeatureReport, Double> value) {
        FeatureReport feature = report.features().get(name);
        return feature == null || feature.drift() == null ? null : value.apply(feature);
    }

    /** The array has one entry per window: null where the report has no value, the report's value elsewhere. */
    static void assertSeries(JsonNode array, List<WindowReport> windows, Function<WindowReport, Number> value) {
        assertThat(array).as("series").isNotNull();
        assertThat(array.size()).isEqualTo(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            Number expected = value.apply(windows.get(i));
            if (expected == null) {
                assertThat(array.get(i).isNull()).as("window %d of %s", i, array).isTrue();
            } else {
                assertThat(array.get(i).isNumber()).as("window %d of %s", i, array).isTrue();
                assertThat(array.get(i).asDouble()).as("window %d", i).isEqualTo(expected.doubleValue());
            }
        }
    }
}
