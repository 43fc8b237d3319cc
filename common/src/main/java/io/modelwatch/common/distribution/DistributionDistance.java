package io.modelwatch.common.distribution;

import java.util.Arrays;

/**
 * KS statistic and Wasserstein-1 distance between two step distributions, either of them a
 * sketch. With two exact distributions both are exactly SciPy's: D = max |F_ref − F_cur| over
 * the pooled values, W1 = ∫ |F_ref − F_cur| dx. With a sketch on a side, its CDF is off by at
 * most its {@link NumericalDistribution#rankError()}, so D is off by at most the sum of the two
 * rank errors, and W1 by at most that sum times the pooled range.
 */
public final class DistributionDistance {
    private DistributionDistance() {}

    public static double ksStatistic(NumericalDistribution reference, NumericalDistribution current) {
        double max = 0;
        for (double x : pooledSteps(reference, current)) {
            max = Math.max(max, Math.abs(reference.cdf(x) - current.cdf(x)));
        }
        return max;
    }

    public static double wasserstein(NumericalDistribution reference, NumericalDistribution current) {
        return area(reference, current, pooledSteps(reference, current), 1.0);
    }

    /**
     * W1 / {@code divisor}, finite whenever that quotient is, even where W1 alone would overflow
     * (steps between values near ±1.8e308).
     */
    public static double wasserstein(NumericalDistribution reference, NumericalDistribution current, double divisor) {
        double[] points = pooledSteps(reference, current);
        double area = area(reference, current, points, 1.0);
        if (Double.isFinite(area)) {
            return area / divisor;
        }
        return area(reference, current, points, 0.5) / divisor * 2;
    }

    /** W1 of the values multiplied by {@code factor} (1 or ½: exact). */
    private static double area(NumericalDistribution reference, NumericalDistribution current, double[] points,
            double factor) {
        double sum = 0;
        for (int i = 0; i + 1 < points.length; i++) {
            sum += Math.abs(reference.cdf(points[i]) - current.cdf(points[i]))
                    * (points[i + 1] * factor - points[i] * factor);
        }
        return sum;
    }

    private static double[] pooledSteps(NumericalDistribution reference, NumericalDistribution current) {
        double[] a = reference.steps();
        double[] b = current.steps();
        double[] pooled = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        Arrays.sort(pooled);
        return Arrays.stream(pooled).distinct().toArray();
    }
}
