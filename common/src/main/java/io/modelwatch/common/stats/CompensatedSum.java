package io.modelwatch.common.stats;

/** Neumaier's compensated summation: sums of many terms stay within a few ulps of the exact sum. */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double term) {
        double total = sum + term;
        compensation += Math.abs(sum) >= Math.abs(term) ? (sum - total) + term : (term - total) + sum;
        sum = total;
    }

    double value() {
        return sum + compensation;
    }
}
