package io.modelwatch.common.profile;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.distribution.CategoricalAccumulator;
import io.modelwatch.common.distribution.Moments;
import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.distribution.NumericalDistribution;
import io.modelwatch.common.distribution.SketchedValues;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.metrics.ClassificationMetrics;
import io.modelwatch.common.metrics.ConfusionMatrixAccumulator;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.DriftMethod;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ReferenceProfile} from a dataset. A column is numerical when all its
 * non-missing values are numbers and it is not named categorical; else categorical.
 */
public final class ProfileBuilder {
    private final ProfileOptions options;
    private final Clock clock;

    public ProfileBuilder(ProfileOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    public ReferenceProfile build(Dataset data, String model, String modelVersion) {
        Map<String, FeatureProfile> features = new LinkedHashMap<>();
        for (String name : data.columnNames()) {
            List<FeatureValue> column = data.column(name);
            try {
                features.put(name, isNumerical(name, column) ? numerical(column) : categorical(column));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(data.source() + ": column '" + name + "': " + e.getMessage(), e);
            }
        }
        return new ReferenceProfile(ReferenceProfile.FORMAT, ReferenceProfile.VERSION, model, modelVersion,
                clock.instant(), data.rows(), features, predictionDistribution(data.predictions()), performance(data));
    }

    private boolean isNumerical(String name, List<FeatureValue> column) {
        return !options.categorical().contains(name)
                && column.stream().allMatch(value -> value.isMissing() || value.isNumber());
    }

    private FeatureProfile numerical(List<FeatureValue> column) {
        double[] values = column.stream().filter(FeatureValue::isNumber).mapToDouble(FeatureValue::number).toArray();
        long missing = column.size() - values.length;
        double[] distinct = Arrays.stream(values).distinct().sorted().toArray();
        if (values.length == 0) {
            NumericalProfile empty = new NumericalProfile(null, null, null, null, options.binning().wireName(),
                    options.bins(), null, null, null, null, null, null);
            return new FeatureProfile(FeatureReport.NUMERICAL, column.size(), missing, 0, empty, null);
        }
        boolean fewValues = distinct.length <= DriftMethod.MAX_DISTINCT_FOR_CATEGORIES;
        BinEdges edges = BinEdges.of(options.binning(), values, options.bins());
        NumericalAccumulator accumulator = new NumericalAccumulator(
                options.exactLimit(), options.sketchK(), edges, fewValues ? distinct : null);
        for (double value : values) {
            accumulator.add(value);
        }
        Moments moments = accumulator.moments();
        if (!Double.isFinite(moments.mean()) || !Double.isFinite(moments.populationStd())) {
            throw new IllegalArgumentException("the values are too large: their mean or standard deviation overflows "
                    + "a double (values from " + moments.min() + " to " + moments.max() + "); rescale the column");
        }
        NumericalDistribution distribution = accumulator.distribution();
        NumericalProfile profile = new NumericalProfile(
                moments.mean(), moments.populationStd(), moments.min(), moments.max(),
                options.binning().wireName(),
                options.bins(),
                boxed(edges.values()),
                boxed(accumulator.histogram().counts()),
                distribution.exactValues().map(ProfileBuilder::boxed).orElse(null),
                distribution instanceof SketchedValues sketched ? sketched.toBase64() : null,
                fewValues ? boxed(distinct) : null,
                fewValues ? boxed(accumulator.trackedCounts()) : null);
        return new FeatureProfile(FeatureReport.NUMERICAL, column.size(), missing, distinct.length, profile, null);
    }

    private FeatureProfile categorical(List<FeatureValue> column) {
        Map<String, Long> all = new TreeMap<>();
        long missing = 0;
        for (FeatureValue value : column) {
            if (value.isMissing()) {
                missing++;
            } else {
                all.merge(value.text(), 1L, Long::sum);
            }
        }
        return new FeatureProfile(FeatureReport.CATEGORICAL, column.size(), missing, all.size(), null,
                new CategoricalProfile(capped(all)));
    }

    /** Keeps the most frequent categories (ties by name) and pools the rest. */
    private Map<String, Long> capped(Map<String, Long> all) {
        if (all.size() <= options.maxCategories()) {
            return all;
        }
        List<Map.Entry<String, Long>> byCount = all.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Long> kept = new TreeMap<>();
        long pooled = 0;
        for (int i = 0; i < byCount.size(); i++) {
            if (i < options.maxCategories()) {
                kept.put(byCount.get(i).getKey(), byCount.get(i).getValue());
            } else {
                pooled += byCount.get(i).getValue();
            }
        }
        kept.merge(CategoricalAccumulator.OTHER, pooled, Long::sum);
        return kept;
    }

    private static Map<String, Double> predictionDistribution(List<String> predictions) {
        Map<String, Long> counts = new TreeMap<>();
        predictions.stream().filter(p -> p != null).forEach(p -> counts.merge(p, 1L, Long::sum));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        Map<String, Double> shares = new TreeMap<>();
        counts.forEach((label, count) -> shares.put(label, (double) count / total));
        return shares;
    }

    private static ReferencePerformance performance(Dataset data) {
        ConfusionMatrixAccumulator outcomes = new ConfusionMatrixAccumulator();
        for (int i = 0; i < data.rows(); i++) {
            String prediction = data.predictions().get(i);
            String actual = data.actuals().get(i);
            if (prediction != null && actual != null) {
                outcomes.add(actual, prediction);
            }
        }
        return ClassificationMetrics.from(outcomes)
                .map(m -> new ReferencePerformance(m.labeled(), m.accuracy(), m.f1Weighted(), m.f1Macro()))
                .orElse(null);
    }

    static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

}
