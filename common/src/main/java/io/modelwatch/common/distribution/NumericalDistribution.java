package io.modelwatch.common.distribution;

import java.util.Optional;

/**
 * The non-missing values of a numerical feature, as a step cumulative distribution: exact when
 * every value is kept, approximate when they live in a quantile sketch.
 */
public interface NumericalDistribution {

    /** Number of values described. */
    long size();

    /** Fraction of values less than or equal to x. */
    double cdf(double x);

    /** The value below which a fraction q of the values fall (NumPy's linear interpolation when exact). */
    double quantile(double q);

    /** The points where the distribution steps, ascending; the only places where {@link #cdf} changes. */
    double[] steps();

    /** All values, sorted, when they are kept exactly. */
    Optional<double[]> exactValues();

    /**
     * Bound on |cdf(x) − true cdf(x)| that holds with high probability (0 when exact). For a KLL
     * sketch this is its normalized rank error at 99 % confidence.
     */
    double rankError();
}
