package io.modelwatch.retraining.rules;

import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.LatencySummary;
import io.modelwatch.common.report.Performance;
import io.modelwatch.common.report.Volume;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.common.stats.DatasetDrift;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The metrics of a {@link WindowReport} as rule conditions read them; each {@link Metric} names its field. */
public final class WindowReportMetrics implements MetricLookup {
    private final WindowReport report;

    public WindowReportMetrics(WindowReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    /** What the rules see of {@code report}. */
    public static ReportSnapshot snapshot(WindowReport report) {
        return new ReportSnapshot(report.model(), report.modelVersion(), report.windowStart(), report.windowEnd(),
                new WindowReportMetrics(report));
    }

    @Override
    public Double value(Metric metric, String feature) {
        return switch (metric) {
            case MAX_PSI -> maxOverFeatures(WindowReportMetrics::psi);
            case PSI -> ofFeature(feature, WindowReportMetrics::psi);
            case MAX_DRIFT_SCORE -> maxOverFeatures(WindowReportMetrics::driftScore);
            case DRIFT_SCORE -> ofFeature(feature, WindowReportMetrics::driftScore);
            case DRIFT_SHARE -> ofDatasetDrift(DatasetDrift::share);
            case DRIFTED_FEATURES -> ofDatasetDrift(d -> (double) d.driftedFeatures());
            case DATASET_DRIFT -> ofDatasetDrift(d -> d.drifted() ? 1.0 : 0.0);
            case MISSING_SHARE -> ofFeature(feature, FeatureReport::missingShare);
            case ACCURACY -> ofPerformance(Performance::accuracy);
            case PRECISION_WEIGHTED -> ofPerformance(Performance::precisionWeighted);
            case RECALL_WEIGHTED -> ofPerformance(Performance::recallWeighted);
            case F1_WEIGHTED -> ofPerformance(Performance::f1Weighted);
            case F1_MACRO -> ofPerformance(Performance::f1Macro);
            case ESTIMATED_ACCURACY -> ofPerformance(Performance::estimatedAccuracy);
            case LABEL_COVERAGE -> ofPerformance(Performance::labelCoverage);
            case ERROR_RATE -> ofVolume(Volume::errorRate);
            case PREDICTIONS -> ofVolume(v -> (double) v.predictions());
            case LATENCY_P50_MS -> ofLatency(LatencySummary::p50);
            case LATENCY_P95_MS -> ofLatency(LatencySummary::p95);
            case LATENCY_P99_MS -> ofLatency(LatencySummary::p99);
            case CONCEPT_DRIFT -> report.conceptDrift() == null ? null
                    : ConceptDriftState.ofWireName(report.conceptDrift().state()).map(ConceptDriftState::level).orElse(null);
        };
    }

    private static Double psi(FeatureReport feature) {
        return feature.stats() == null ? null : feature.stats().get("psi");
    }

    private static Double driftScore(FeatureReport feature) {
        return feature.drift() == null ? null : feature.drift().score();
    }

    private Map<String, FeatureReport> features() {
        return report.features() == null ? Map.of() : report.features();
    }

    /** The largest non-null value over the features; null when no feature has one. */
    private Double maxOverFeatures(Function<FeatureReport, Double> value) {
        Double max = null;
        for (FeatureReport feature : features().values()) {
            Double v = value.apply(feature);
            if (v != null && (max == null || v > max)) {
                max = v;
            }
        }
        return max;
    }

    private Double ofFeature(String name, Function<FeatureReport, Double> value) {
        FeatureReport feature = features().get(name);
        return feature == null ? null : value.apply(feature);
    }

    private Double ofDatasetDrift(Function<DatasetDrift, Double> value) {
        return report.datasetDrift() == null ? null : value.apply(report.datasetDrift());
    }

    private Double ofPerformance(Function<Performance, Double> value) {
        return report.performance() == null ? null : value.apply(report.performance());
    }

    private Double ofVolume(Function<Volume, Double> value) {
        return report.volume() == null ? null : value.apply(report.volume());
    }

    private Double ofLatency(Function<LatencySummary, Double> value) {
        return report.latencyMs() == null ? null : value.apply(report.latencyMs());
    }
}
