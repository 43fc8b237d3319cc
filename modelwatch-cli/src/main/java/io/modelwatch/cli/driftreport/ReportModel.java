package io.modelwatch.cli.driftreport;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.drift.DriftReport;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.profile.FeatureProfile;
import io.modelwatch.common.profile.NumericalProfile;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.common.stats.DatasetDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a drift report shows, in plain values: the HTML page and the JSON document are both
 * written from it. Features come drifted first, then stable, then those without a verdict, each group
 * in the reference's column order.
 *
 * @param model the model the data belongs to, or null when unknown
 * @param ignoredColumns columns only the current data has, which were not compared
 * @param performance classification metrics of the current data, or null without labelled predictions
 */
public record ReportModel(String model, Instant generatedAt, DataSource reference, DataSource current,
        DatasetDrift verdict, List<ReportFeature> features, List<String> ignoredColumns, ReportPerformance performance) {

    /** Where one side's data came from and how many rows it had. */
    public record DataSource(String source, long rows) {}

    public ReportModel {
        features = List.copyOf(features);
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    /**
     * @param drift the drift of {@code current} against {@code profile}
     * @param model the model's name, or null to take the profile's
     */
    public static ReportModel assemble(ReferenceProfile profile, String referenceSource, Dataset current,
            DriftReport drift, String model, Instant generatedAt) {
        List<String> names = new ArrayList<>(drift.features().keySet());
        names.sort(Comparator.comparingInt(name -> ReportFeature.statusRank(drift.features().get(name))));
        List<ReportFeature> features = new ArrayList<>();
        for (String name : names) {
            FeatureHistogram histogram = histogram(profile.features().get(name), current, name);
            features.add(new ReportFeature(name, "chart-" + (features.size() + 1), drift.features().get(name),
                    histogram, BarChart.of(histogram)));
        }
        return new ReportModel(model != null ? model : profile.model(), generatedAt,
                new DataSource(referenceSource, profile.rows()), new DataSource(current.source(), current.rows()),
                drift.datasetDrift(), features, drift.ignoredColumns(),
                ReportPerformance.of(current, profile.performance()).orElse(null));
    }

    private static FeatureHistogram histogram(FeatureProfile profile, Dataset current, String name) {
        List<FeatureValue> values = current.hasColumn(name) ? current.column(name) : List.of();
        if (profile.isNumerical()) {
            NumericalProfile numerical = profile.numerical();
            double[] numbers = values.stream().filter(FeatureValue::isNumber).mapToDouble(FeatureValue::number).toArray();
            return numerical.distinctValues() != null
                    ? FeatureHistogram.overDistinctValues(numerical, numbers)
                    : FeatureHistogram.overEdges(numerical, numbers);
        }
        Map<String, Long> counts = new TreeMap<>();
        values.stream().filter(value -> !value.isMissing()).forEach(value -> counts.merge(value.text(), 1L, Long::sum));
        return FeatureHistogram.overCategories(profile.categorical().counts(), counts);
    }
}
