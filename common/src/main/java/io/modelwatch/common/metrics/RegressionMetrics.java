package io.modelwatch.common.metrics;

import java.util.Optional;

/**
 * Regression metrics with scikit-learn's definitions: {@code mean_absolute_error},
 * {@code root_mean_squared_error} and {@code mean_absolute_percentage_error} (a fraction, not a
 * percentage; an actual value of 0 makes it huge, as in sklearn, because it divides by eps).
 */
public record RegressionMetrics(long count, double mae, double rmse, double mape) {

    /** The metrics of the accumulated outcomes, or empty when there are none (the report then says null). */
    public static Optional<RegressionMetrics> from(RegressionAccumulator sums) {
        long n = sums.getCount();
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(new RegressionMetrics(
                n,
                sums.getSumAbsoluteError() / n,
                Math.sqrt(sums.getSumSquaredError() / n),
                sums.getSumAbsolutePercentageError() / n));
    }
}
