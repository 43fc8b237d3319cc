package io.modelwatch.common.stats;

import java.util.Arrays;

/** Shares of a total: counts divided by their sum, optionally with empty shares raised to a floor. */
public final class Shares {

    /** The share an empty bin or category gets in PSI and KL divergence, so their logarithms stay finite. */
    public static final double EMPTY_SHARE = 0.0001;

    private final double[] values;

    private Shares(double[] values) {
        this.values = values;
    }

    public static Shares of(long[] counts) {
        double total = Arrays.stream(counts).sum();
        if (total <= 0 || Arrays.stream(counts).anyMatch(count -> count < 0)) {
            throw new IllegalArgumentException("counts must be non-negative with a positive total: "
                    + Arrays.toString(counts));
        }
        return new Shares(Arrays.stream(counts).mapToDouble(count -> count / total).toArray());
    }

    /** Empty shares become {@code floor}; the others are kept, so the result may sum to slightly more than 1. */
    public Shares withEmptyAs(double floor) {
        return new Shares(Arrays.stream(values).map(share -> share == 0 ? floor : share).toArray());
    }

    /** Divided by their sum, so they add up to 1 again. */
    public Shares normalized() {
        double total = Arrays.stream(values).sum();
        return new Shares(Arrays.stream(values).map(share -> share / total).toArray());
    }

    public double get(int index) {
        return values[index];
    }

    public double[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shares that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Shares" + Arrays.toString(values);
    }
}
