package io.modelwatch.cli.driftreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.drift.DriftAnalysis;
import io.modelwatch.common.drift.DriftReport;
import io.modelwatch.common.drift.DriftSettings;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportModelTest {
    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

    /** Reference: x = 0..99, colour red/blue alternating, "gone" only here. */
    private static Dataset reference() {
        Dataset data = new Dataset("reference.csv");
        for (int i = 0; i < 100; i++) {
            Map<String, FeatureValue> row = new LinkedHashMap<>();
            row.put("gone", FeatureValue.ofNumber(i));
            row.put("colour", FeatureValue.ofText(i % 2 == 0 ? "red" : "blue"));
            row.put("x", FeatureValue.ofNumber(i));
            data.addRow(row, i % 2 == 0 ? "yes" : "no", i % 4 == 0 ? "no" : "yes");
        }
        return data;
    }

    /** Current: x shifted up by 200 (drifted), colour as before, "extra" only here, 3 of 4 predictions right. */
    private static Dataset current() {
        Dataset data = new Dataset("current.csv");
        for (int i = 0; i < 100; i++) {
            Map<String, FeatureValue> row = new LinkedHashMap<>();
            row.put("colour", FeatureValue.ofText(i % 2 == 0 ? "red" : "blue"));
            row.put("x", i < 10 ? FeatureValue.MISSING : FeatureValue.ofNumber(200 + i));
            row.put("extra", FeatureValue.ofNumber(1));
            String prediction = i % 2 == 0 ? "yes" : "no";
            data.addRow(row, prediction, i % 4 == 1 ? "yes" : prediction);
        }
        return data;
    }

    private static ReportModel assemble() throws Exception {
        ReferenceProfile profile = new ProfileBuilder(ProfileOptions.defaults().exact(), Clock.fixed(NOW, ZoneOffset.UTC))
                .build(reference(), "churn", null);
        Dataset current = current();
        DriftReport drift = DriftAnalysis.analyze(profile, current, DriftSettings.defaults());
        return ReportModel.assemble(profile, "reference.csv", current, drift, null, NOW);
    }

    @Test
    void featuresComeDriftedFirstThenStableThenWithoutVerdictWithNumberedCharts() throws Exception {
        ReportModel report = assemble();

        assertThat(report.features()).extracting(ReportFeature::name).containsExactly("x", "colour", "gone");
        assertThat(report.features()).extracting(ReportFeature::status).containsExactly("drifted", "stable", "not-computed");
        assertThat(report.features()).extracting(ReportFeature::chartId).containsExactly("chart-1", "chart-2", "chart-3");
        assertThat(report.ignoredColumns()).containsExactly("extra");
        assertThat(report.verdict().driftedFeatures()).isEqualTo(1);
        assertThat(report.verdict().totalFeatures()).isEqualTo(2);
        assertThat(report.model()).isEqualTo("churn");
        assertThat(report.reference()).isEqualTo(new ReportModel.DataSource("reference.csv", 100));
        assertThat(report.current()).isEqualTo(new ReportModel.DataSource("current.csv", 100));
    }

    @Test
    void histogramsCompareTheCurrentValuesWithTheReferenceBins() throws Exception {
        ReportModel report = assemble();

        ReportFeature x = report.features().get(0);
        assertThat(x.drift().missingShare()).isEqualTo(0.1);
        assertThat(x.psi()).isPositive();
        // Ten quantile bins of 10 reference values each; every current value lies above the reference range.
        assertThat(x.histogram().bins()).hasSize(12);
        assertThat(x.histogram().bins().subList(1, 11)).extracting(HistogramBin::referenceShare).containsOnly(0.1);
        assertThat(x.histogram().bins().get(11).currentShare()).isEqualTo(1.0);
        assertThat(x.histogram().currentCount()).isEqualTo(90);
        assertThat(x.chart().bars()).hasSize(24);

        ReportFeature colour = report.features().get(1);
        assertThat(colour.histogram().bins()).extracting(HistogramBin::label).containsExactlyInAnyOrder("red", "blue");
        assertThat(colour.histogram().bins()).extracting(HistogramBin::currentShare).containsOnly(0.5);

        ReportFeature gone = report.features().get(2);
        assertThat(gone.drift().reason()).isEqualTo("not in the current data");
        assertThat(gone.histogram().currentCount()).isZero();
    }

    @Test
    void performanceComesFromTheCurrentOutcomesWithTheReferencesBeside() throws Exception {
        ReportPerformance performance = assemble().performance();

        // Predictions "yes" on even rows, "no" on odd; rows 1, 5, 9, … (25 of 100) are actually "yes" while predicted "no".
        assertThat(performance.current().labeled()).isEqualTo(100);
        assertThat(performance.current().accuracy()).isEqualTo(0.75);
        assertThat(performance.current().labels()).containsExactly("no", "yes");
        assertThat(performance.current().confusionMatrix()).containsExactly(List.of(25L, 0L),
                List.of(25L, 50L));
        assertThat(performance.reference().labeled()).isEqualTo(100);
        assertThat(performance.shade(50)).isEqualTo(ReportPerformance.DARKEST_SHADE);
        assertThat(performance.shade(25)).isEqualTo(2);
        assertThat(performance.shade(0)).isZero();
    }

    @Test
    void noOutcomesMeanNoPerformance() throws Exception {
        ReferenceProfile profile = new ProfileBuilder(ProfileOptions.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))
                .build(reference(), null, null);
        Dataset current = new Dataset("current.csv");
        current.addRow(Map.of("x", FeatureValue.ofNumber(3)));
        DriftReport drift = DriftAnalysis.analyze(profile, current, DriftSettings.defaults());

        ReportModel report = ReportModel.assemble(profile, "reference.csv", current, drift, "given", NOW);

        assertThat(report.performance()).isNull();
        assertThat(report.model()).isEqualTo("given");
    }
}
