package io.modelwatch.common.distribution;

/**
 * Count, mean, variance, minimum and maximum of a stream of numbers, mergeable: two partial
 * results combine exactly as if every value had been added in one place (Chan et al.'s
 * parallel variance update, so no catastrophic cancellation). The mean stays finite for any finite
 * values; the deviations' squares overflow past about ±1.3e154, and then the standard deviation is
 * infinite, which reports show as null.
 */
public final class Moments {
    private long count;
    private double mean;
    private double sumOfSquaredDeviations;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public Moments() {}

    Moments(long count, double mean, double sumOfSquaredDeviations, double min, double max) {
        this.count = count;
        this.mean = mean;
        this.sumOfSquaredDeviations = sumOfSquaredDeviations;
        this.min = min;
        this.max = max;
    }

    public void add(double value) {
        count++;
        // Halves, so that the difference of two values near ±Double.MAX_VALUE does not overflow; scaling by
        // a power of two is exact, so every other mean is bit for bit what value - mean gives.
        double halfDelta = value * 0.5 - mean * 0.5;
        mean += halfDelta / count * 2;
        sumOfSquaredDeviations += halfDelta * 2 * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    public void merge(Moments other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            copyFrom(other);
            return;
        }
        long total = count + other.count;
        double halfDelta = other.mean * 0.5 - mean * 0.5;
        double halfStep = halfDelta * other.count / total;
        if (Double.isInfinite(halfStep)) {
            halfStep = halfDelta * ((double) other.count / total); // the product overflowed: divide first
        }
        mean += halfStep * 2;
        double delta = halfDelta * 2;
        sumOfSquaredDeviations += other.sumOfSquaredDeviations + delta * delta * ((double) count * other.count / total);
        count = total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    private void copyFrom(Moments other) {
        count = other.count;
        mean = other.mean;
        sumOfSquaredDeviations = other.sumOfSquaredDeviations;
        min = other.min;
        max = other.max;
    }

    public long count() {
        return count;
    }

    /** Null without values. */
    public Double mean() {
        return count == 0 ? null : mean;
    }

    /** Standard deviation with n − 1 in the denominator, as pandas reports it; null below two values. */
    public Double sampleStd() {
        return count < 2 ? null : Math.sqrt(sumOfSquaredDeviations / (count - 1));
    }

    /** Standard deviation with n in the denominator, as {@code np.std}; null without values. */
    public Double populationStd() {
        return count == 0 ? null : Math.sqrt(sumOfSquaredDeviations / count);
    }

    public Double min() {
        return count == 0 ? null : min;
    }

    public Double max() {
        return count == 0 ? null : max;
    }

    double sumOfSquaredDeviations() {
        return sumOfSquaredDeviations;
    }

    double rawMean() {
        return mean;
    }

    double rawMin() {
        return min;
    }

    double rawMax() {
        return max;
    }
}
