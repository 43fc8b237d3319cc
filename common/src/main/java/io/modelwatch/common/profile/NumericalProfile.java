package io.modelwatch.common.profile;

import io.modelwatch.common.distribution.ExactValues;
import io.modelwatch.common.distribution.NumericalDistribution;
import io.modelwatch.common.distribution.SketchedValues;
import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.Histogram;
import java.util.List;

/**
 * The values of a numerical reference feature. Bin edges and counts give PSI and the report's
 * histograms; the values themselves are kept as a sorted sample when there are few enough (exact
 * KS and Wasserstein), else as a KLL sketch.
 *
 * @param std population standard deviation ({@code np.std}), which normalises the Wasserstein distance
 * @param binning quantile or equal-width
 * @param bins bins asked for; ties in the reference can leave fewer edges
 * @param binCounts one more count than the bins at each end (see {@link Histogram})
 * @param sample all non-missing values, sorted; null when {@code kllSketch} holds them
 * @param kllSketch base64 of a serialized DataSketches KLL doubles sketch; null when {@code sample} is set
 * @param distinctValues the distinct values when there are few (the feature is then compared as categories), else null
 * @param distinctCounts counts of {@code distinctValues}, position by position
 */
public record NumericalProfile(
        Double mean,
        Double std,
        Double min,
        Double max,
        String binning,
        int bins,
        List<Double> binEdges,
        List<Long> binCounts,
        List<Double> sample,
        String kllSketch,
        List<Double> distinctValues,
        List<Long> distinctCounts) {

    public boolean hasValues() {
        return binEdges != null && !binEdges.isEmpty();
    }

    public BinEdges edges() {
        return BinEdges.of(binEdges.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public Histogram histogram() {
        return Histogram.of(edges(), binCounts.stream().mapToLong(Long::longValue).toArray());
    }

    public NumericalDistribution distribution() {
        if (sample != null) {
            return ExactValues.of(sample.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return SketchedValues.fromBase64(kllSketch);
    }

    /** Without {@code sample} and {@code kllSketch}: everything but what the tests compare against. */
    public NumericalProfile withoutValues() {
        return new NumericalProfile(mean, std, min, max, binning, bins, binEdges, binCounts, null, null, distinctValues,
                distinctCounts);
    }

    public double[] trackedValues() {
        return distinctValues == null ? null : distinctValues.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
