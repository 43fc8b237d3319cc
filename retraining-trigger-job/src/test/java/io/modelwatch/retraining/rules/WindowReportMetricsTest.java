package io.modelwatch.retraining.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.json.InvalidEventException;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.report.WindowReport;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowReportMetricsTest {

    static Stream<Arguments> metricsOfTheReportFixtures() {
        return Stream.of(
                // full-report.json: the docs/ARCHITECTURE.md section 3 example, plus a feature that is entirely missing
                Arguments.of("full-report.json", Metric.MAX_PSI, null, 0.21),
                Arguments.of("full-report.json", Metric.PSI, "region", 0.004),
                Arguments.of("full-report.json", Metric.PSI, "segment", null),
                Arguments.of("full-report.json", Metric.PSI, "no-such-feature", null),
                Arguments.of("full-report.json", Metric.MAX_DRIFT_SCORE, null, 0.13),
                Arguments.of("full-report.json", Metric.DRIFT_SCORE, "region", 0.02),
                Arguments.of("full-report.json", Metric.DRIFT_SCORE, "segment", null),
                Arguments.of("full-report.json", Metric.DRIFT_SHARE, null, 0.2),
                Arguments.of("full-report.json", Metric.DRIFTED_FEATURES, null, 1.0),
                Arguments.of("full-report.json", Metric.DATASET_DRIFT, null, 0.0),
                Arguments.of("full-report.json", Metric.MISSING_SHARE, "income", 0.002),
                Arguments.of("full-report.json", Metric.MISSING_SHARE, "segment", 1.0),
                Arguments.of("full-report.json", Metric.ACCURACY, null, 0.88),
                Arguments.of("full-report.json", Metric.PRECISION_WEIGHTED, null, 0.87),
                Arguments.of("full-report.json", Metric.RECALL_WEIGHTED, null, 0.86),
                Arguments.of("full-report.json", Metric.F1_WEIGHTED, null, 0.875),
                Arguments.of("full-report.json", Metric.F1_MACRO, null, 0.71),
                Arguments.of("full-report.json", Metric.ESTIMATED_ACCURACY, null, 0.90),
                Arguments.of("full-report.json", Metric.LABEL_COVERAGE, null, 0.095),
                Arguments.of("full-report.json", Metric.ERROR_RATE, null, 0.000196),
                Arguments.of("full-report.json", Metric.PREDICTIONS, null, 61234.0),
                Arguments.of("full-report.json", Metric.LATENCY_P50_MS, null, 11.0),
                Arguments.of("full-report.json", Metric.LATENCY_P95_MS, null, 31.5),
                Arguments.of("full-report.json", Metric.LATENCY_P99_MS, null, 48.9),
                Arguments.of("full-report.json", Metric.CONCEPT_DRIFT, null, 1.0),
                // drifted-report.json: a regressor whose only feature drifted
                Arguments.of("drifted-report.json", Metric.MAX_PSI, null, 0.35),
                Arguments.of("drifted-report.json", Metric.MAX_DRIFT_SCORE, null, 0.7),
                Arguments.of("drifted-report.json", Metric.DATASET_DRIFT, null, 1.0),
                Arguments.of("drifted-report.json", Metric.DRIFT_SHARE, null, 1.0),
                Arguments.of("drifted-report.json", Metric.ACCURACY, null, null),
                Arguments.of("drifted-report.json", Metric.LABEL_COVERAGE, null, 1.0),
                Arguments.of("drifted-report.json", Metric.ERROR_RATE, null, 0.0),
                Arguments.of("drifted-report.json", Metric.CONCEPT_DRIFT, null, 2.0),
                // sparse-report.json: an empty window, no reference, no labels, no detector
                Arguments.of("sparse-report.json", Metric.MAX_PSI, null, null),
                Arguments.of("sparse-report.json", Metric.MAX_DRIFT_SCORE, null, null),
                Arguments.of("sparse-report.json", Metric.PSI, "income", null),
                Arguments.of("sparse-report.json", Metric.DRIFT_SHARE, null, null),
                Arguments.of("sparse-report.json", Metric.DRIFTED_FEATURES, null, null),
                Arguments.of("sparse-report.json", Metric.DATASET_DRIFT, null, null),
                Arguments.of("sparse-report.json", Metric.ACCURACY, null, null),
                Arguments.of("sparse-report.json", Metric.LABEL_COVERAGE, null, null),
                Arguments.of("sparse-report.json", Metric.ERROR_RATE, null, null),
                Arguments.of("sparse-report.json", Metric.PREDICTIONS, null, 0.0),
                Arguments.of("sparse-report.json", Metric.LATENCY_P99_MS, null, null),
                Arguments.of("sparse-report.json", Metric.CONCEPT_DRIFT, null, null));
    }

    @ParameterizedTest(name = "{0}: {1}[{2}] is {3}")
    @MethodSource
    void metricsOfTheReportFixtures(String fixture, Metric metric, String feature, Double expected) throws Exception {
        assertThat(new WindowReportMetrics(fixture(fixture)).value(metric, feature)).isEqualTo(expected);
    }

    @Test
    void theSnapshotCarriesTheReportsModelVersionAndWindow() throws Exception {
        ReportSnapshot snapshot = WindowReportMetrics.snapshot(fixture("full-report.json"));

        assertThat(snapshot.model()).isEqualTo("credit-default");
        assertThat(snapshot.modelVersion()).isEqualTo("v3");
        assertThat(snapshot.windowStart()).isEqualTo(Instant.parse("2026-11-28T03:00:00Z"));
        assertThat(snapshot.windowEnd()).isEqualTo(Instant.parse("2026-11-28T03:05:00Z"));
        assertThat(snapshot.metrics().value(Metric.MAX_PSI, null)).isEqualTo(0.21);
    }

    @Test
    void aConditionOverTheFullReportFiresWithTheMetricsThatMadeItTrue() throws Exception {
        Condition condition = ConditionParser.parse("r", "max_psi >= 0.2 and concept_drift >= warning");

        assertThat(condition.evidence(new WindowReportMetrics(fixture("full-report.json"))))
                .containsExactly(Map.entry("max_psi", 0.21), Map.entry("concept_drift", 1.0));
    }

    static WindowReport fixture(String name) throws IOException {
        try (InputStream in = WindowReportMetricsTest.class.getResourceAsStream("/reports/" + name)) {
            return new ReportCodec().parse(in.readAllBytes());
        } catch (InvalidEventException e) {
            throw new IllegalStateException("fixture " + name + " is not a valid report", e);
        }
    }
}
