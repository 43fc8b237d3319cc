package io.modelwatch.common.stats;

/** Quantiles of sorted samples. */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * NumPy's default (linear) quantile of a sorted, non-empty sample, including its lerp that
     * interpolates from the nearer end, so results match {@code np.quantile} to the last bit.
     */
    public static double linear(double[] sorted, double q) {
        double index = (sorted.length - 1) * q;
        if (index >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        int below = (int) Math.floor(index);
        double t = index - below;
        double a = sorted[below];
        double b = sorted[below + 1];
        double difference = b - a;
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
    }
}
