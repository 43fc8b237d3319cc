package io.modelwatch.common.profile;

import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.Binning;
import java.util.Set;

/**
 * How a reference profile is built.
 *
 * @param exactLimit features with at most this many values keep them all (exact KS and Wasserstein); larger ones a sketch
 * @param sketchK KLL accuracy parameter: the rank error is about 1.3 % at 200 and 0.3 % at 1000
 * @param maxCategories distinct categories kept per feature; the rarest beyond it are pooled as {@code __other__}
 * @param categorical features to treat as categorical even when their values are numbers
 */
public record ProfileOptions(
        Binning binning, int bins, int exactLimit, int sketchK, int maxCategories, Set<String> categorical) {

    public static final int DEFAULT_EXACT_LIMIT = 10_000;
    public static final int DEFAULT_SKETCH_K = 1000;
    public static final int DEFAULT_MAX_CATEGORIES = 1000;

    public ProfileOptions {
        if (bins < 1 || bins > BinEdges.MAX_BINS) {
            throw new IllegalArgumentException("the bin count (--psi-bins) must be between 1 and " + BinEdges.MAX_BINS + ", got " + bins);
        }
        if (exactLimit < 0) {
            throw new IllegalArgumentException("the exact limit (--exact-limit) must not be negative, got " + exactLimit);
        }
        categorical = Set.copyOf(categorical);
    }

    public static ProfileOptions defaults() {
        return new ProfileOptions(Binning.QUANTILE, BinEdges.DEFAULT_BINS, DEFAULT_EXACT_LIMIT, DEFAULT_SKETCH_K,
                DEFAULT_MAX_CATEGORIES, Set.of());
    }

    public ProfileOptions withCategorical(Set<String> features) {
        return new ProfileOptions(binning, bins, exactLimit, sketchK, maxCategories, features);
    }

    public ProfileOptions withBinning(Binning newBinning, int newBins) {
        return new ProfileOptions(newBinning, newBins, exactLimit, sketchK, maxCategories, categorical);
    }

    /** Every value kept exactly: what {@code drift} uses when given the reference data itself. */
    public ProfileOptions exact() {
        return new ProfileOptions(binning, bins, Integer.MAX_VALUE, sketchK, maxCategories, categorical);
    }
}
