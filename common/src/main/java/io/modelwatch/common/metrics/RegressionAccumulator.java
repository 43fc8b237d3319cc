package io.modelwatch.common.metrics;

/**
 * Sums from which MAE, RMSE and MAPE follow. Mutable and mergeable, for use inside an aggregate
 * function; a Flink POJO (public no-arg constructor, bean accessors).
 */
public class RegressionAccumulator {
    /** sklearn's {@code mean_absolute_percentage_error} divides by max(|y|, eps) with eps = np.finfo(float64).eps. */
    static final double EPSILON = Math.ulp(1.0);

    private long count;
    private double sumAbsoluteError;
    private double sumSquaredError;
    private double sumAbsolutePercentageError;

    public RegressionAccumulator() {}

    /**
     * Adds one outcome.
     *
     * @throws IllegalArgumentException if either value is NaN or infinite: callers validate before this point
     */
    public void add(double actual, double predicted) {
        if (!Double.isFinite(actual) || !Double.isFinite(predicted)) {
            throw new IllegalArgumentException("actual and predicted must be finite, got " + actual + " and " + predicted);
        }
        double absoluteError = Math.abs(actual - predicted);
        count++;
        sumAbsoluteError += absoluteError;
        sumSquaredError += absoluteError * absoluteError;
        sumAbsolutePercentageError += absoluteError / Math.max(Math.abs(actual), EPSILON);
    }

    /** Adds the sums of {@code other} to this accumulator and returns this. */
    public RegressionAccumulator merge(RegressionAccumulator other) {
        count += other.count;
        sumAbsoluteError += other.sumAbsoluteError;
        sumSquaredError += other.sumSquaredError;
        sumAbsolutePercentageError += other.sumAbsolutePercentageError;
        return this;
    }

    public long getCount() {
        return count;
    }

    public void setCount(long count) {
        this.count = count;
    }

    public double getSumAbsoluteError() {
        return sumAbsoluteError;
    }

    public void setSumAbsoluteError(double sumAbsoluteError) {
        this.sumAbsoluteError = sumAbsoluteError;
    }

    public double getSumSquaredError() {
        return sumSquaredError;
    }

    public void setSumSquaredError(double sumSquaredError) {
        this.sumSquaredError = sumSquaredError;
    }

    public double getSumAbsolutePercentageError() {
        return sumAbsolutePercentageError;
    }

    public void setSumAbsolutePercentageError(double sumAbsolutePercentageError) {
        this.sumAbsolutePercentageError = sumAbsolutePercentageError;
    }
}
