package io.modelwatch.common.distribution;

/**
 * Count, mean, variance, minimum and maximum of a stream of numbers, mergeable: two partial
 * results combine exactly as if every value had been added in one place (Chan et al.'s
 * parallel variance update, so no catastrophic cancellation).
 *
 * <p>Every finite value can be added, up to ±{@link Double#MAX_VALUE}, and the mean and standard
 * deviations stay finite (a population standard deviation is at most half the range). Two things
 * would overflow on the way, and are avoided only when they would: the difference of a value and
 * the mean (e.g. 1.7e308 − (−1.7e308)), which is then taken of the halves; and the sum of squared
 * deviations, which is then kept scaled by 2^−{@value #SCALED_EXPONENT}. For values whose squares do
 * not overflow, every result is bit for bit what the plain update gives.
 */
public final class Moments {
    /**
     * The power of two by which a sum of squared deviations beyond the double range is divided:
     * such a sum lies between 2^1024 and n × 2^2050, so scaled it lies between 2^−76 and 2^1013
     * for any count.
     */
    static final int SCALED_EXPONENT = 1100;

    private long count;
    private double mean;
    /** The sum of squared deviations divided by 2^{@link #exponent}. */
    private double sumOfSquaredDeviations;
    /** 0, or {@link #SCALED_EXPONENT} once the sum would overflow. */
    private int exponent;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public Moments() {}

    /** @param exponent the power of two {@code sumOfSquaredDeviations} was divided by: 0 or {@value #SCALED_EXPONENT} */
    Moments(long count, double mean, double sumOfSquaredDeviations, int exponent, double min, double max) {
        if (exponent != 0 && exponent != SCALED_EXPONENT) {
            throw new IllegalArgumentException("unknown scale 2^-" + exponent + " of a sum of squared deviations");
        }
        this.count = count;
        this.mean = mean;
        this.sumOfSquaredDeviations = sumOfSquaredDeviations;
        this.exponent = exponent;
        this.min = min;
        this.max = max;
    }

    public void add(double value) {
        count++;
        double delta = value - mean;
        if (Double.isInfinite(delta)) {
            // The value and the mean lie near opposite ends of the range: their halves' difference is finite.
            double halfDelta = value * 0.5 - mean * 0.5;
            mean += halfDelta / count * 2;
            addProduct(halfDelta, value * 0.5 - mean * 0.5, 1);
        } else {
            mean += delta / count;
            addProduct(delta, value - mean, 0);
        }
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
        double weight = (double) count * other.count / total;
        double delta = other.mean - mean;
        double shifted = mean + delta * other.count / total;
        if (Double.isFinite(shifted)) {
            mean = shifted;
            double term = other.exponent == 0 ? other.sumOfSquaredDeviations + delta * delta * weight
                    : Double.POSITIVE_INFINITY;
            if (Double.isFinite(term)) {
                addScaled(term, 0);
            } else {
                addScaled(other.sumOfSquaredDeviations, other.exponent);
                addWeightedSquare(delta, weight, 0);
            }
        } else {
            // The means lie near opposite ends of the range, or delta × count overflows: a weighted
            // average of the two means is finite.
            double halfDelta = other.mean * 0.5 - mean * 0.5;
            mean = mean * ((double) count / total) + other.mean * ((double) other.count / total);
            addScaled(other.sumOfSquaredDeviations, other.exponent);
            addWeightedSquare(halfDelta, weight, 1);
        }
        count = total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Adds x × y × 4^halvings to the sum of squared deviations, where x and y are finite. */
    private void addProduct(double x, double y, int halvings) {
        if (exponent == 0) {
            double product = halvings == 0 ? x * y : x * y * 4;
            if (Double.isFinite(product)) {
                addScaled(product, 0);
                return;
            }
        }
        int half = SCALED_EXPONENT / 2;
        addScaled(Math.scalb(x, halvings - half) * Math.scalb(y, halvings - half), SCALED_EXPONENT);
    }

    /** Adds (x × 2^halvings)² × weight to the sum of squared deviations, where x is finite. */
    private void addWeightedSquare(double x, double weight, int halvings) {
        if (exponent == 0) {
            double term = halvings == 0 ? x * x * weight : x * x * 4 * weight;
            if (Double.isFinite(term)) {
                addScaled(term, 0);
                return;
            }
        }
        double scaled = Math.scalb(x, halvings - SCALED_EXPONENT / 2);
        addScaled(scaled * scaled * weight, SCALED_EXPONENT);
    }

    /** Adds {@code term} × 2^{@code termExponent} to the sum of squared deviations. */
    private void addScaled(double term, int termExponent) {
        if (termExponent > exponent) {
            scaleDown();
        } else if (termExponent < exponent) {
            term = Math.scalb(term, termExponent - exponent);
        }
        double sum = sumOfSquaredDeviations + term;
        if (Double.isInfinite(sum) && exponent == 0) {
            scaleDown();
            sum = sumOfSquaredDeviations + Math.scalb(term, -SCALED_EXPONENT);
        }
        sumOfSquaredDeviations = sum;
    }

    /** From here on the sum of squared deviations is kept divided by 2^{@value #SCALED_EXPONENT}. */
    private void scaleDown() {
        sumOfSquaredDeviations = Math.scalb(sumOfSquaredDeviations, -SCALED_EXPONENT);
        exponent = SCALED_EXPONENT;
    }

    private void copyFrom(Moments other) {
        count = other.count;
        mean = other.mean;
        sumOfSquaredDeviations = other.sumOfSquaredDeviations;
        exponent = other.exponent;
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

    /**
     * Standard deviation with n − 1 in the denominator, as pandas reports it; null below two values.
     * It can exceed the double range (two values ±1.7e308 have 2.4e308) and is then infinite.
     */
    public Double sampleStd() {
        return count < 2 ? null : std(count - 1);
    }

    /** Standard deviation with n in the denominator, as {@code np.std}; null without values. Always finite. */
    public Double populationStd() {
        return count == 0 ? null : std(count);
    }

    private double std(long denominator) {
        return Math.scalb(Math.sqrt(sumOfSquaredDeviations / denominator), exponent / 2);
    }

    public Double min() {
        return count == 0 ? null : min;
    }

    public Double max() {
        return count == 0 ? null : max;
    }

    /** The sum of squared deviations divided by 2^{@link #sumOfSquaresExponent()}. */
    double sumOfSquaredDeviations() {
        return sumOfSquaredDeviations;
    }

    /** 0 while the sum of squared deviations fits a double, else {@value #SCALED_EXPONENT}. */
    int sumOfSquaresExponent() {
        return exponent;
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
