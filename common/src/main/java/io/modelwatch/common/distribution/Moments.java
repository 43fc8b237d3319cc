package io.modelwatch.common.distribution;

/**
 * Count, mean, variance, minimum and maximum of a stream of numbers, mergeable: two partial
 * results combine exactly as if every value had been added in one place (Chan et al.'s
 * parallel variance update, so no catastrophic cancellation).
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
        double delta = value - mean;
        mean += delta / count;
        sumOfSquaredDeviations += delta * (value - mean);
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
        double delta = other.mean - mean;
        mean += delta * other.count / total;
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
