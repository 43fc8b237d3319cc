package io.modelwatch.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.LatencySummary;
import io.modelwatch.common.report.NumericalSummary;
import io.modelwatch.common.report.Volume;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.common.report.ReportFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportCodecTest {
    private final ReportCodec codec = new ReportCodec();

    @Test
    void everyFieldSurvivesARoundTrip() throws Exception {
        WindowReport report = ReportFixtures.fullReport();
        assertThat(codec.parse(codec.write(report))).isEqualTo(report);
    }

    @Test
    void reportIsWrittenWithTheContractsSnakeCaseKeys() throws Exception {
        JsonNode json = new ObjectMapper().readTree(codec.write(ReportFixtures.fullReport()));
        assertThat(json.get("model_version").asText()).isEqualTo("v3");
        assertThat(json.get("window_start").asText()).isEqualTo("2026-11-28T03:00:00Z");
        assertThat(json.get("window_end").asText()).isEqualTo("2026-11-28T03:05:00Z");
        assertThat(json.at("/volume/error_rate").asDouble()).isEqualTo(0.000196);
        assertThat(json.at("/volume/late_events").asLong()).isEqualTo(3);
        assertThat(json.at("/latency_ms/p99").asDouble()).isEqualTo(48.9);
        assertThat(json.at("/prediction_distribution/1").asDouble()).isEqualTo(0.09);
        assertThat(json.at("/dataset_drift/drifted_features").asInt()).isEqualTo(1);
        assertThat(json.at("/performance/precision_weighted").asDouble()).isEqualTo(0.87);
        assertThat(json.at("/performance/per_class/1/support").asLong()).isEqualTo(530);
        assertThat(json.at("/concept_drift/detector").asText()).isEqualTo("ddm");
    }

    @Test
    void numericalFeatureCarriesItsSummaryInlineAndNoCategoricalFields() throws Exception {
        JsonNode income = new ObjectMapper().readTree(codec.write(ReportFixtures.fullReport())).at("/features/income");
        assertThat(income.get("type").asText()).isEqualTo("numerical");
        assertThat(income.get("missing_share").asDouble()).isEqualTo(0.002);
        assertThat(income.get("mean").asDouble()).isEqualTo(50211.3);
        assertThat(income.at("/quantiles/p95").asDouble()).isEqualTo(80500.0);
        assertThat(income.at("/histogram/counts")).hasSize(4);
        assertThat(income.at("/drift/p_value").isNull()).isTrue();
        assertThat(income.has("frequencies")).isFalse();
        assertThat(income.has("unseen_share")).isFalse();
        assertThat(income.has("numerical")).isFalse();
    }

    @Test
    void categoricalFeatureCarriesFrequenciesAndNoNumericalFields() throws Exception {
        JsonNode region = new ObjectMapper().readTree(codec.write(ReportFixtures.fullReport())).at("/features/region");
        assertThat(region.at("/frequencies/north").asDouble()).isEqualTo(0.41);
        assertThat(region.get("unseen_share").asDouble()).isEqualTo(0.0);
        assertThat(region.has("mean")).isFalse();
        assertThat(region.has("histogram")).isFalse();
    }

    @Test
    void metricsThatCannotBeComputedAreWrittenAsNullNotOmitted() throws Exception {
        WindowReport empty = new WindowReport("m", "v1", Instant.EPOCH, Instant.ofEpochSecond(60),
                new Volume(0, 0, null, 0), new LatencySummary(0, null, null, null, null, null),
                Map.of(), Map.of(), null, null, null);
        JsonNode json = new ObjectMapper().readTree(codec.write(empty));
        assertThat(json.at("/volume/error_rate").isNull()).isTrue();
        assertThat(json.at("/latency_ms/p50").isNull()).isTrue();
        assertThat(json.has("performance")).isTrue();
        assertThat(json.get("performance").isNull()).isTrue();
        assertThat(json.get("dataset_drift").isNull()).isTrue();
    }

    @Test
    void numericalFeatureWithNoValuesWritesNullStatisticsRatherThanDroppingThem() throws Exception {
        FeatureReport allMissing = new FeatureReport(FeatureReport.NUMERICAL, 5, 5, 1.0,
                new NumericalSummary(null, null, null, null, null, null), null, null, Map.of());
        WindowReport report = new WindowReport("m", "v1", Instant.EPOCH, Instant.ofEpochSecond(60),
                new Volume(5, 0, 0.0, 0), new LatencySummary(0, null, null, null, null, null),
                Map.of(), Map.of("age", allMissing), null, null, null);
        JsonNode age = new ObjectMapper().readTree(codec.write(report)).at("/features/age");
        assertThat(age.has("mean")).isTrue();
        assertThat(age.get("mean").isNull()).isTrue();
        assertThat(age.get("drift").isNull()).isTrue();
    }

    @Test
    void nonFiniteNumbersAreNeverWritten() {
        WindowReport report = new WindowReport("m", "v1", Instant.EPOCH, Instant.ofEpochSecond(60),
                new Volume(0, 0, Double.NaN, 0),
                new LatencySummary(1, Double.POSITIVE_INFINITY, 1.0, 1.0, 1.0, 1.0),
                Map.of(), Map.of(), null, null, null);
        String json = codec.writeString(report);
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity")
                .contains("\"error_rate\":null").contains("\"mean\":null");
    }

    @Test
    void reportWithoutModelIsRejectedNamingTheField() {
        String json = "{\"model_version\":\"v1\",\"window_start\":\"2026-11-28T03:00:00Z\",\"window_end\":\"2026-11-28T03:05:00Z\"}";
        assertThatThrownBy(() -> codec.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("model: is required");
    }

    @Test
    void reportWithWrongTypeNamesThePath() {
        String json = "{\"model\":\"m\",\"model_version\":\"v1\",\"window_start\":\"2026-11-28T03:00:00Z\","
                + "\"window_end\":\"2026-11-28T03:05:00Z\",\"volume\":{\"predictions\":\"many\"}}";
        assertThatThrownBy(() -> codec.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.field()).isEqualTo("volume.predictions"));
    }

    @Test
    void windowBoundsAreIsoTextAndTheEndComesAfterTheStart() throws Exception {
        String epochMillis = "{\"model\":\"m\",\"model_version\":\"v1\",\"window_start\":\"2026-11-28T03:00:00Z\","
                + "\"window_end\":1795921500000}";
        String endBeforeStart = "{\"model\":\"m\",\"model_version\":\"v1\",\"window_start\":\"2026-11-28T03:05:00Z\","
                + "\"window_end\":\"2026-11-28T03:00:00Z\"}";
        String empty = "{\"model\":\"m\",\"model_version\":\"v1\",\"window_start\":\"2026-11-28T03:05:00Z\","
                + "\"window_end\":\"2026-11-28T03:05:00Z\"}";
        String withOffset = "{\"model\":\"m\",\"model_version\":\"v1\",\"window_start\":\"2026-11-28T04:00:00+01:00\","
                + "\"window_end\":\"2026-11-28T03:05:00Z\"}";

        assertThatThrownBy(() -> codec.parse(epochMillis.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("window_end");
                    assertThat(e.reason()).contains("expected an ISO-8601 time as text");
                });
        assertThatThrownBy(() -> codec.parse(endBeforeStart.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("window_end: must be after window_start (2026-11-28T03:05:00Z), got 2026-11-28T03:00:00Z");
        assertThatThrownBy(() -> codec.parse(empty.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageStartingWith("window_end: must be after window_start");
        assertThat(codec.parse(withOffset.getBytes(StandardCharsets.UTF_8)).windowStart())
                .isEqualTo(Instant.parse("2026-11-28T03:00:00Z"));
    }

    @Test
    void truncatedReportIsMalformedJson() {
        assertThatThrownBy(() -> codec.parse("{\"model\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("$");
                    assertThat(e.reason()).startsWith("malformed JSON");
                });
    }

    @Test
    void contentAfterTheReportIsRefusedAsForEvents() {
        String json = "{\"model\":\"m\",\"model_version\":\"v1\",\"window_start\":\"2026-11-28T03:00:00Z\","
                + "\"window_end\":\"2026-11-28T03:05:00Z\"} {\"model\":\"other\"}";
        assertThatThrownBy(() -> codec.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("$");
                    assertThat(e.reason()).startsWith("unexpected content after the JSON object");
                });
    }
}
