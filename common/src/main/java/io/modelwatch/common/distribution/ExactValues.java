package io.modelwatch.common.distribution;

import io.modelwatch.common.stats.Quantiles;
import java.util.Arrays;
import java.util.Optional;

/** Every value kept, sorted: the empirical distribution itself. */
public final class ExactValues implements NumericalDistribution {
    private final double[] sorted;

    private ExactValues(double[] sorted) {
        this.sorted = sorted;
    }

    public static ExactValues of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new ExactValues(sorted);
    }

    static ExactValues ofSorted(double[] sorted) {
        return new ExactValues(sorted);
    }

    @Override
    public long size() {
        return sorted.length;
    }

    @Override
    public double cdf(double x) {
        return (double) Quantiles.countAtOrBelow(sorted, x) / sorted.length;
    }

    @Override
    public double quantile(double q) {
        return Quantiles.linearWithinRange(sorted, q);
    }

    @Override
    public double[] steps() {
        return Arrays.stream(sorted).distinct().toArray();
    }

    @Override
    public Optional<double[]> exactValues() {
        return Optional.of(sorted.clone());
    }

    @Override
    public double rankError() {
        return 0.0;
    }
}
