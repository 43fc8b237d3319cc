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

    /**
     * {@link #linear}, except between two neighbours more than {@link Double#MAX_VALUE} apart (e.g.
     * −1.7e308 and 1.7e308), where NumPy's interpolation overflows to an infinity or NaN: there it
     * interpolates between their halves, so every quantile lies between the sample's minimum and
     * maximum. Equal to {@link #linear} whenever that is finite.
     */
    public static double linearWithinRange(double[] sorted, double q) {
        double quantile = linear(sorted, q);
        if (Double.isFinite(quantile)) {
            return quantile;
        }
        double index = (sorted.length - 1) * q;
        int below = (int) Math.floor(index);
        double t = index - below;
        double a = sorted[below];
        double b = sorted[below + 1];
        return (a * 0.5 + (b * 0.5 - a * 0.5) * t) * 2;
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
