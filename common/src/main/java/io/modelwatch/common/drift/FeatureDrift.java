package io.modelwatch.common.drift;

import io.modelwatch.common.distribution.CategoricalAccumulator;
import io.modelwatch.common.distribution.DistributionDistance;
import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.distribution.NumericalDistribution;
import io.modelwatch.common.profile.FeatureProfile;
import io.modelwatch.common.profile.NumericalProfile;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.stats.AlignedCounts;
import io.modelwatch.common.stats.ChiSquareTest;
import io.modelwatch.common.stats.DriftMethod;
import io.modelwatch.common.stats.Hellinger;
import io.modelwatch.common.stats.JensenShannon;
import io.modelwatch.common.stats.KlDivergence;
import io.modelwatch.common.stats.KolmogorovSmirnov;
import io.modelwatch.common.stats.PopulationStabilityIndex;
import io.modelwatch.common.stats.WassersteinDistance;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Drift of one feature of the current data against its reference profile (docs/ARCHITECTURE.md section 4.2).
 * Every statistic that applies to the feature's type is computed; the chosen method decides.
 * When both sides keep their values exactly, KS and Wasserstein are SciPy's own; with a sketch
 * on either side they come from the sketched distributions (see {@link DistributionDistance}).
 * Numerical features with at most five distinct reference values are compared as categories
 * (one per distinct value) for the count-based statistics.
 */
public final class FeatureDrift {
    private FeatureDrift() {}

    public static FeatureDriftResult numerical(String feature, long referenceRows, FeatureProfile reference,
            NumericalAccumulator current, DriftSettings settings) {
        NumericalProfile profile = reference.numerical();
        Double missingShare = share(current.missing(), current.count());
        if (!profile.hasValues()) {
            return FeatureDriftResult.notComputed(FeatureReport.NUMERICAL, missingShare, "the reference has no values for this feature");
        }
        NumericalDistribution currentValues = current.distribution();
        if (currentValues == null) {
            return FeatureDriftResult.notComputed(FeatureReport.NUMERICAL, missingShare, "no values left after removing missing ones");
        }
        NumericalDistribution referenceValues = profile.distribution();
        Map<String, Double> stats = new LinkedHashMap<>();
        KolmogorovSmirnov.Result ks = ks(referenceValues, currentValues);
        stats.put(Statistic.KS_STATISTIC, ks.statistic());
        stats.put(Statistic.KS_P_VALUE, ks.pValue());
        stats.put(Statistic.WASSERSTEIN_NORM, wassersteinNormalized(referenceValues, currentValues, profile.std()));
        boolean asCategories = DriftMethod.comparedAsCategories(true, reference.distinct());
        AlignedCounts counts = asCategories
                ? distinctValueCounts(referenceValues, currentValues, profile, current)
                : AlignedCounts.binned(profile.histogram(), current.histogram());
        Optional<ChiSquareTest.Result> chiSquare = shareStatistics(counts, asCategories, stats);
        DriftMethod method = settings.methodFor(feature, DriftMethod.defaultFor(referenceRows, true, reference.distinct()));
        return verdict(FeatureReport.NUMERICAL, missingShare, method, settings, stats, ks, chiSquare.orElse(null));
    }

    public static FeatureDriftResult categorical(String feature, long referenceRows, FeatureProfile reference,
            CategoricalAccumulator current, DriftSettings settings) {
        Map<String, Long> referenceCounts = reference.categorical().counts();
        Double missingShare = share(current.missing(), current.count());
        if (referenceCounts.isEmpty()) {
            return FeatureDriftResult.notComputed(FeatureReport.CATEGORICAL, missingShare, "the reference has no values for this feature");
        }
        if (current.nonMissing() == 0) {
            return FeatureDriftResult.notComputed(FeatureReport.CATEGORICAL, missingShare, "no values left after removing missing ones");
        }
        Map<String, Double> stats = new LinkedHashMap<>();
        AlignedCounts counts = AlignedCounts.categorical(referenceCounts, current.counts());
        ChiSquareTest.Result chiSquare = shareStatistics(counts, true, stats).orElseThrow();
        DriftMethod method = settings.methodFor(feature, DriftMethod.defaultFor(referenceRows, false, reference.distinct()));
        if (method == DriftMethod.KS || method == DriftMethod.WASSERSTEIN) {
            throw new IllegalArgumentException("feature '" + feature + "' is categorical: " + method.wireName()
                    + " applies only to numerical features");
        }
        return verdict(FeatureReport.CATEGORICAL, missingShare, method, settings, stats, null, chiSquare);
    }

    private static KolmogorovSmirnov.Result ks(NumericalDistribution reference, NumericalDistribution current) {
        Optional<double[]> exactReference = reference.exactValues();
        Optional<double[]> exactCurrent = current.exactValues();
        if (exactReference.isPresent() && exactCurrent.isPresent()) {
            return KolmogorovSmirnov.test(exactReference.get(), exactCurrent.get());
        }
        double d = DistributionDistance.ksStatistic(reference, current);
        return new KolmogorovSmirnov.Result(d, KolmogorovSmirnov.pValue(d, reference.size(), current.size()));
    }

    private static double wassersteinNormalized(NumericalDistribution reference, NumericalDistribution current,
            double referenceStd) {
        Optional<double[]> exactReference = reference.exactValues();
        Optional<double[]> exactCurrent = current.exactValues();
        if (exactReference.isPresent() && exactCurrent.isPresent()) {
            return WassersteinDistance.normalized(exactReference.get(), exactCurrent.get());
        }
        return DistributionDistance.wasserstein(reference, current,
                Math.max(referenceStd, WassersteinDistance.MIN_REFERENCE_STD));
    }

    /**
     * Counts per distinct reference value. Exact values on both sides give SciPy's union of
     * distinct values; otherwise current values the reference never had are pooled in one extra
     * category.
     */
    private static AlignedCounts distinctValueCounts(NumericalDistribution reference, NumericalDistribution current,
            NumericalProfile profile, NumericalAccumulator accumulator) {
        Optional<double[]> exactReference = reference.exactValues();
        Optional<double[]> exactCurrent = current.exactValues();
        if (exactReference.isPresent() && exactCurrent.isPresent()) {
            return AlignedCounts.distinctValues(exactReference.get(), exactCurrent.get());
        }
        long[] referenceCounts = profile.distinctCounts().stream().mapToLong(Long::longValue).toArray();
        long[] currentCounts = accumulator.trackedCounts();
        long untracked = accumulator.untrackedCount();
        if (untracked == 0) {
            return AlignedCounts.of(referenceCounts, currentCounts);
        }
        long[] withOther = Arrays.copyOf(currentCounts, currentCounts.length + 1);
        withOther[currentCounts.length] = untracked;
        return AlignedCounts.of(Arrays.copyOf(referenceCounts, referenceCounts.length + 1), withOther);
    }

    private static Optional<ChiSquareTest.Result> shareStatistics(AlignedCounts counts, boolean asCategories,
            Map<String, Double> stats) {
        stats.put(Statistic.PSI, PopulationStabilityIndex.of(counts));
        stats.put(Statistic.JENSEN_SHANNON, JensenShannon.distance(counts));
        stats.put(Statistic.HELLINGER, Hellinger.distance(counts));
        stats.put(Statistic.KL_DIV, KlDivergence.of(counts));
        if (!asCategories) {
            return Optional.empty();
        }
        ChiSquareTest.Result chiSquare = ChiSquareTest.test(counts);
        stats.put(Statistic.CHI_SQUARE_STATISTIC, chiSquare.statistic());
        stats.put(Statistic.CHI_SQUARE_P_VALUE, chiSquare.pValue());
        return Optional.of(chiSquare);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static FeatureDriftResult verdict(String type, Double missingShare, DriftMethod method, DriftSettings settings,
            Map<String, Double> stats, KolmogorovSmirnov.Result ks, ChiSquareTest.Result chiSquare) {
        double threshold = settings.thresholdOf(method);
        Double score;
        Double pValue = null;
        switch (method) {
            case KS -> {
                score = ks.statistic();
                pValue = ks.pValue();
            }
            case CHI_SQUARE -> {
                if (chiSquare == null) {
                    throw new IllegalArgumentException("chi_square applies to categorical features and to numerical "
                            + "ones with at most " + DriftMethod.MAX_DISTINCT_FOR_CATEGORIES + " distinct values");
                }
                score = chiSquare.statistic();
                pValue = chiSquare.pValue();
            }
            case WASSERSTEIN -> score = stats.get(Statistic.WASSERSTEIN_NORM);
            case PSI -> score = stats.get(Statistic.PSI);
            case JENSEN_SHANNON -> score = stats.get(Statistic.JENSEN_SHANNON);
            case HELLINGER -> score = stats.get(Statistic.HELLINGER);
            case KL_DIV -> score = stats.get(Statistic.KL_DIV);
            default -> throw new IllegalStateException("unhandled drift method " + method);
        }
        if (Double.isNaN(pValue != null ? pValue : score)) {
            // Values near the ends of the double range: a distance between them overflows. No verdict.
            return new FeatureDriftResult(type, missingShare, null, null, null, null, null, stats,
                    method.wireName() + " cannot be computed for these values (the distances between them overflow)");
        }
        boolean drifted = method.drifted(pValue != null ? pValue : score, threshold);
        return new FeatureDriftResult(type, missingShare, method, score, pValue, threshold, drifted, stats, null);
    }
}
