package io.modelwatch.common.profile;

import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.distribution.SketchedValues;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.Binning;
import io.modelwatch.common.stats.DriftMethod;
import java.util.List;
import java.util.Map;

/**
 * Checks a profile as read, before anything computes with it: a profile edited by hand, cut short or
 * tampered with is refused with one line naming the file, the feature and the field, instead of
 * failing later inside a statistic. What {@link ProfileBuilder} writes always passes.
 */
final class ProfileValidator {
    private final String source;

    private ProfileValidator(String source) {
        this.source = source;
    }

    static void validate(ReferenceProfile profile, String source) throws DatasetException {
        new ProfileValidator(source).profile(profile);
    }

    private void profile(ReferenceProfile profile) throws DatasetException {
        if (profile.rows() < 0) {
            throw error("rows", "must not be negative, got " + profile.rows());
        }
        if (profile.features() == null || profile.features().isEmpty()) {
            throw error("features", "the profile has no features");
        }
        for (Map.Entry<String, FeatureProfile> feature : profile.features().entrySet()) {
            feature(feature.getKey(), feature.getValue());
        }
        if (profile.predictionDistribution() != null) {
            for (Map.Entry<String, Double> share : profile.predictionDistribution().entrySet()) {
                Double value = share.getValue();
                if (share.getKey() == null || value == null || !(value >= 0 && value <= 1)) {
                    throw error("prediction_distribution", "expected shares between 0 and 1, got " + value
                            + " for '" + share.getKey() + "'");
                }
            }
        }
        ReferencePerformance performance = profile.performance();
        if (performance != null && (performance.labeled() < 0 || !unit(performance.accuracy())
                || !unit(performance.f1Weighted()) || !unit(performance.f1Macro()))) {
            throw error("performance", "expected a non-negative 'labeled' and accuracy and F1 between 0 and 1");
        }
    }

    private void feature(String name, FeatureProfile feature) throws DatasetException {
        String where = "feature '" + name + "'";
        if (feature == null) {
            throw error(where, "is null; expected an object with 'type' and 'numerical' or 'categorical'");
        }
        boolean numerical = FeatureReport.NUMERICAL.equals(feature.type());
        if (!numerical && !FeatureReport.CATEGORICAL.equals(feature.type())) {
            throw error(where + ", field 'type'", "expected numerical or categorical, got "
                    + (feature.type() == null ? "nothing" : "'" + feature.type() + "'"));
        }
        if (numerical && (feature.numerical() == null || feature.categorical() != null)) {
            throw error(where, "a numerical feature needs a 'numerical' part and no 'categorical' part");
        }
        if (!numerical && (feature.categorical() == null || feature.numerical() != null)) {
            throw error(where, "a categorical feature needs a 'categorical' part and no 'numerical' part");
        }
        if (feature.count() < 0 || feature.missing() < 0 || feature.missing() > feature.count() || feature.distinct() < 0) {
            throw error(where, "expected 0 <= missing <= count and distinct >= 0, got count " + feature.count()
                    + ", missing " + feature.missing() + ", distinct " + feature.distinct());
        }
        if (numerical) {
            numerical(where + ", field 'numerical", feature, feature.numerical());
        } else {
            categorical(where + ", field 'categorical", feature.categorical());
        }
    }

    private void numerical(String where, FeatureProfile feature, NumericalProfile numerical) throws DatasetException {
        try {
            Binning.fromWireName(numerical.binning());
        } catch (IllegalArgumentException e) {
            throw error(where + ".binning'", e.getMessage());
        }
        if (numerical.bins() < 1 || numerical.bins() > BinEdges.MAX_BINS) {
            throw error(where + ".bins'", "expected 1 to " + BinEdges.MAX_BINS + ", got " + numerical.bins());
        }
        if (!numerical.hasValues()) {
            if (feature.nonMissing() > 0) {
                throw error(where + ".bin_edges'", "no bin edges for a feature with " + feature.nonMissing() + " values");
            }
            return; // every value was missing: the feature has no verdict
        }
        List<Double> edges = numerical.binEdges();
        if (edges.size() > numerical.bins() + 1) {
            throw error(where + ".bin_edges'", edges.size() + " edges for " + numerical.bins() + " bins");
        }
        requireFinite(where + ".bin_edges'", edges);
        BinEdges binEdges;
        try {
            binEdges = numerical.edges();
        } catch (IllegalArgumentException e) {
            throw error(where + ".bin_edges'", e.getMessage());
        }
        List<Long> counts = numerical.binCounts();
        if (counts == null || counts.size() != binEdges.histogramSize()) {
            throw error(where + ".bin_counts'", "expected " + binEdges.histogramSize() + " counts for "
                    + edges.size() + " edges, got " + (counts == null ? "none" : counts.size()));
        }
        requireCounts(where + ".bin_counts'", counts);
        for (String field : List.of("mean", "std", "min", "max")) {
            Double value = switch (field) {
                case "mean" -> numerical.mean();
                case "std" -> numerical.std();
                case "min" -> numerical.min();
                default -> numerical.max();
            };
            if (value == null || !Double.isFinite(value) || (field.equals("std") && value < 0)) {
                throw error(where + "." + field + "'", "expected a finite number" + (field.equals("std") ? " >= 0" : "")
                        + ", got " + value);
            }
        }
        if ((numerical.sample() == null) == (numerical.kllSketch() == null)) {
            throw error(where + "'", "expected exactly one of 'sample' and 'kll_sketch'");
        }
        if (numerical.sample() != null) {
            if (numerical.sample().isEmpty()) {
                throw error(where + ".sample'", "is empty, but the bins have values");
            }
            requireFinite(where + ".sample'", numerical.sample());
        } else {
            try {
                if (SketchedValues.fromBase64(numerical.kllSketch()).size() == 0) {
                    throw error(where + ".kll_sketch'", "the sketch is empty, but the bins have values");
                }
            } catch (RuntimeException e) {
                throw error(where + ".kll_sketch'", "not a KLL sketch in base64 (" + e.getMessage() + ")");
            }
        }
        List<Double> distinctValues = numerical.distinctValues();
        List<Long> distinctCounts = numerical.distinctCounts();
        if ((distinctValues == null) != (distinctCounts == null)
                || (distinctValues != null && distinctValues.size() != distinctCounts.size())) {
            throw error(where + ".distinct_values'", "expected 'distinct_values' and 'distinct_counts' of the same length");
        }
        if (distinctValues == null && feature.distinct() <= DriftMethod.MAX_DISTINCT_FOR_CATEGORIES) {
            throw error(where + ".distinct_values'", "a feature with " + feature.distinct()
                    + " distinct values needs them and their counts");
        }
        if (distinctValues != null) {
            requireFinite(where + ".distinct_values'", distinctValues);
            requireCounts(where + ".distinct_counts'", distinctCounts);
        }
    }

    private void categorical(String where, CategoricalProfile categorical) throws DatasetException {
        if (categorical.counts() == null) {
            throw error(where + ".counts'", "is missing; expected category → count");
        }
        long total = 0;
        for (Map.Entry<String, Long> count : categorical.counts().entrySet()) {
            if (count.getValue() == null || count.getValue() < 0) {
                throw error(where + ".counts'", "expected a count >= 0 for '" + count.getKey() + "', got " + count.getValue());
            }
            total += count.getValue();
        }
        if (!categorical.counts().isEmpty() && total == 0) {
            throw error(where + ".counts'", "every count is 0");
        }
    }

    private void requireFinite(String where, List<Double> values) throws DatasetException {
        for (int i = 0; i < values.size(); i++) {
            Double value = values.get(i);
            if (value == null || !Double.isFinite(value)) {
                throw error(where, "entry " + i + " is " + value + "; expected a finite number");
            }
        }
    }

    private void requireCounts(String where, List<Long> counts) throws DatasetException {
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            Long count = counts.get(i);
            if (count == null || count < 0) {
                throw error(where, "entry " + i + " is " + count + "; expected a count >= 0");
            }
            total += count;
        }
        if (total == 0) {
            throw error(where, "every count is 0");
        }
    }

    private static boolean unit(double value) {
        return value >= 0 && value <= 1;
    }

    private DatasetException error(String where, String problem) {
        return new DatasetException(source + ": " + where + ": " + problem);
    }
}
