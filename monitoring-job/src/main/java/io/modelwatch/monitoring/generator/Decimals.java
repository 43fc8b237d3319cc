package io.modelwatch.monitoring.generator;

/** Rounding to decimal places, so generated numbers look like what real systems log. */
final class Decimals {
    private Decimals() {}

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
