package io.modelwatch.common.stats;

/** Quantiles and ranks of sorted samples. */
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

    /** How many values of the sorted sample are less than or equal to {@code value}. */
    public static int countAtOrBelow(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
