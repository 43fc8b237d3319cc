package io.modelwatch.common.report;

import io.modelwatch.common.stats.DatasetDrift;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report with every section filled, as in docs/ARCHITECTURE.md section 3. */
public final class ReportFixtures {
    private ReportFixtures() {}

    public static WindowReport fullReport() {
        Map<String, FeatureReport> features = new LinkedHashMap<>();
        features.put("income", new FeatureReport(FeatureReport.NUMERICAL, 61100, 122, 0.002,
                new NumericalSummary(50211.3, 15002.1, 0.0, 990000.0,
                        Map.of("p05", 21000.0, "p25", 39000.0, "p50", 49800.0, "p75", 61000.0, "p95", 80500.0),
                        new Histogram(List.of(0.0, 10.0, 20.0), List.of(1L, 2L, 3L, 4L))),
                null,
                new DriftVerdict("wasserstein", 0.13, null, 0.1, true),
                Map.of("psi", 0.21, "ks_statistic", 0.061)));
        features.put("region", new FeatureReport(FeatureReport.CATEGORICAL, 61234, 0, 0.0, null,
                new CategoricalSummary(Map.of("north", 0.41, "south", 0.59), 0.0),
                new DriftVerdict("jensen_shannon", 0.02, null, 0.1, false),
                Map.of("psi", 0.004, "chi_square_p_value", 0.31)));
        return new WindowReport("credit-default", "v3",
                Instant.parse("2026-11-28T03:00:00Z"), Instant.parse("2026-11-28T03:05:00Z"),
                new Volume(61234, 12, 0.000196, 3),
                new LatencySummary(61222, 14.2, 11.0, 31.5, 48.9, 210.0),
                Map.of("0", 0.91, "1", 0.09),
                features,
                new DatasetDrift(1, 2, 0.5, 0.5, true),
                new Performance(5820, 0.095, 0.88, 0.87, 0.88, 0.875, 0.71,
                        Map.of("1", new ClassPerformance(0.6, 0.4, 0.48, 530)), null, null, null,
                        new LabelDelay(42000.0, 180000.0), 0.90),
                new ConceptDrift("ddm", "stable", null));
    }
}
