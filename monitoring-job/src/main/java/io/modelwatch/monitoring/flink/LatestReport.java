package io.modelwatch.monitoring.flink;

import io.modelwatch.common.report.CategoricalSummary;
import io.modelwatch.common.report.DriftVerdict;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.NumericalSummary;
import io.modelwatch.common.report.Performance;
import io.modelwatch.common.report.WindowReport;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * One model version's gauges, all reading its latest report. A value the report has as null is
 * NaN: Flink's Prometheus reporter would export a null gauge as 0, and an accuracy of 0 pages
 * someone. Feature, class and category gauges are registered when they first appear.
 */
final class LatestReport {
    private static final Map<String, Double> CONCEPT_DRIFT_STATES = Map.of("stable", 0.0, "warning", 1.0, "drift", 2.0);

    private final MetricGroup group;
    private final Set<String> features = new HashSet<>();
    private final Set<String> classes = new HashSet<>();
    private final Set<String> categories = new HashSet<>();
    private volatile WindowReport latest;

    LatestReport(MetricGroup group) {
        this.group = group;
        gauge(group, "window_end_seconds", r -> (double) r.windowEnd().getEpochSecond());
        gauge(group, "window_predictions", r -> (double) r.volume().predictions());
        gauge(group, "window_errors", r -> (double) r.volume().errors());
        gauge(group, "error_rate", r -> r.volume().errorRate());
        gauge(group, "window_late_events", r -> (double) r.volume().lateEvents());
        gauge(group, "latency_mean_ms", r -> r.latencyMs().mean());
        gauge(group, "latency_p50_ms", r -> r.latencyMs().p50());
        gauge(group, "latency_p95_ms", r -> r.latencyMs().p95());
        gauge(group, "latency_p99_ms", r -> r.latencyMs().p99());
        gauge(group, "latency_max_ms", r -> r.latencyMs().max());
        gauge(group, "drifted_features", r -> r.datasetDrift() == null ? null : (double) r.datasetDrift().driftedFeatures());
        gauge(group, "drift_share", r -> r.datasetDrift() == null ? null : r.datasetDrift().share());
        gauge(group, "dataset_drift", r -> r.datasetDrift() == null ? null : r.datasetDrift().drifted() ? 1.0 : 0.0);
        gauge(group, "max_psi", r -> maxOverFeatures(r, feature -> feature.stats() == null ? null : feature.stats().get("psi")));
        gauge(group, "max_drift_score", r -> maxOverFeatures(r, feature -> feature.drift() == null ? null : feature.drift().score()));
        performance("accuracy", Performance::accuracy);
        performance("precision_weighted", Performance::precisionWeighted);
        performance("recall_weighted", Performance::recallWeighted);
        performance("f1_weighted", Performance::f1Weighted);
        performance("f1_macro", Performance::f1Macro);
        performance("estimated_accuracy", Performance::estimatedAccuracy);
        performance("label_coverage", Performance::labelCoverage);
        performance("mae", Performance::mae);
        performance("rmse", Performance::rmse);
        performance("mape", Performance::mape);
        gauge(group, "concept_drift_state",
                r -> r.conceptDrift() == null ? null : CONCEPT_DRIFT_STATES.get(r.conceptDrift().state()));
    }

    void update(WindowReport report) {
        latest = report;
        report.predictionDistribution().keySet().forEach(this::registerClass);
        report.features().forEach(this::registerFeature);
    }

    private void registerClass(String label) {
        if (classes.add(label)) {
            gauge(group.addGroup("class", label), "prediction_share", r -> r.predictionDistribution().get(label));
        }
    }

    private void registerFeature(String name, FeatureReport feature) {
        if (features.add(name)) {
            MetricGroup featureGroup = group.addGroup("feature", name);
            featureGauge(featureGroup, name, "drift_score", f -> drift(f, DriftVerdict::score));
            featureGauge(featureGroup, name, "drift_threshold", f -> drift(f, DriftVerdict::threshold));
            featureGauge(featureGroup, name, "p_value", f -> drift(f, DriftVerdict::pValue));
            featureGauge(featureGroup, name, "drifted", f -> f.drift() == null ? null : f.drift().drifted() ? 1.0 : 0.0);
            for (String statistic : new String[] {"psi", "jensen_shannon", "wasserstein_norm", "ks_statistic"}) {
                featureGauge(featureGroup, name, statistic, f -> f.stats() == null ? null : f.stats().get(statistic));
            }
            featureGauge(featureGroup, name, "missing_share", FeatureReport::missingShare);
            featureGauge(featureGroup, name, "mean", f -> numerical(f, NumericalSummary::mean));
            featureGauge(featureGroup, name, "std", f -> numerical(f, NumericalSummary::std));
            for (String quantile : new String[] {"p05", "p25", "p50", "p75", "p95"}) {
                featureGauge(featureGroup, name, quantile,
                        f -> numerical(f, n -> n.quantiles() == null ? null : n.quantiles().get(quantile)));
            }
            featureGauge(featureGroup, name, "unseen_share", f -> categorical(f, CategoricalSummary::unseenShare));
        }
        if (feature.categorical() != null && feature.categorical().frequencies() != null) {
            for (String category : feature.categorical().frequencies().keySet()) {
                if (categories.add(name + '\u0000' + category)) {
                    // The key groups name the metric "feature_category_"; "share" completes feature_category_share.
                    featureGauge(group.addGroup("feature", name).addGroup("category", category), name, "share",
                            f -> categorical(f, c -> c.frequencies() == null ? null : c.frequencies().get(category)));
                }
            }
        }
    }

    private void performance(String name, Function<Performance, Double> metric) {
        gauge(group, name, r -> r.performance() == null ? null : metric.apply(r.performance()));
    }

    private void featureGauge(MetricGroup featureGroup, String feature, String name, Function<FeatureReport, Double> value) {
        gauge(featureGroup, name, r -> {
            FeatureReport report = r.features().get(feature);
            return report == null ? null : value.apply(report);
        });
    }

    private void gauge(MetricGroup target, String name, Function<WindowReport, Double> value) {
        target.gauge(name, (Gauge<Double>) () -> {
            WindowReport report = latest;
            Double number = report == null ? null : value.apply(report);
            return number == null ? Double.NaN : number;
        });
    }

    private static Double maxOverFeatures(WindowReport report, Function<FeatureReport, Double> value) {
        return report.features().values().stream().map(value).filter(Objects::nonNull)
                .max(Double::compare).orElse(null);
    }

    private static Double drift(FeatureReport feature, Function<DriftVerdict, Double> value) {
        return feature.drift() == null ? null : value.apply(feature.drift());
    }

    private static Double numerical(FeatureReport feature, Function<NumericalSummary, Double> value) {
        return feature.numerical() == null ? null : value.apply(feature.numerical());
    }

    private static Double categorical(FeatureReport feature, Function<CategoricalSummary, Double> value) {
        return feature.categorical() == null ? null : value.apply(feature.categorical());
    }
}
