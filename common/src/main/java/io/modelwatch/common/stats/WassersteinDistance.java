package io.modelwatch.common.stats;

/** First Wasserstein (earth mover's) distance between two samples, as {@code scipy.stats.wasserstein_distance}. */
public final class WassersteinDistance {

    /** Floor on the reference standard deviation, so a constant reference does not divide by zero. */
    public static final double MIN_REFERENCE_STD = 0.001;

    private WassersteinDistance() {
    }

    /** W1 = ∫ |F_reference − F_current| over the pooled values. */
    public static double distance(double[] reference, double[] current) {
        return distanceOfSorted(SortedValues.of(reference, "reference"), SortedValues.of(current, "current"), 1.0);
    }

    /**
     * The drift score: W1 / max(std(reference), 0.001), with the population standard deviation (ddof 0).
     * Finite whenever the quotient is, even where W1 or the standard deviation alone would overflow
     * (values near ±1.8e308).
     */
    public static double normalized(double[] reference, double[] current) {
        double[] a = SortedValues.of(reference, "reference");
        double[] b = SortedValues.of(current, "current");
        double divisor = Math.max(populationStd(a), MIN_REFERENCE_STD);
        double distance = distanceOfSorted(a, b, 1.0);
        if (Double.isFinite(distance)) {
            return distance / divisor;
        }
        // A step between pooled values, or their sum, beyond the double range: the same area over halved values.
        return distanceOfSorted(a, b, 0.5) / divisor * 2;
    }

    /** W1 of the values multiplied by {@code factor} (1 or ½: exact). */
    private static double distanceOfSorted(double[] a, double[] b, double factor) {
        long n1 = a.length;
        long n2 = b.length;
        double scale = (double) n1 * n2;
        CompensatedSum area = new CompensatedSum();
        int i = 0;
        int j = 0;
        double value = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            while (i < a.length && a[i] == value) {
                i++;
            }
            while (j < b.length && b[j] == value) {
                j++;
            }
            if (i == a.length && j == b.length) {
                break;
            }
            double next = Math.min(i < a.length ? a[i] : Double.POSITIVE_INFINITY,
                    j < b.length ? b[j] : Double.POSITIVE_INFINITY);
            area.add(Math.abs(i * n2 - j * n1) / scale * (next * factor - value * factor));
            value = next;
        }
        return area.value();
    }

    private static double populationStd(double[] values) {
        double std = populationStdOf(values, 1.0);
        if (Double.isFinite(std)) {
            return std;
        }
        // Squares (or the sum) beyond the double range: the same over values scaled by 2^-600, exactly.
        return Math.scalb(populationStdOf(values, 0x1p-600), 600);
    }

    private static double populationStdOf(double[] values, double factor) {
        CompensatedSum sum = new CompensatedSum();
        for (double value : values) {
            sum.add(value * factor);
        }
        double mean = sum.value() / values.length;
        CompensatedSum squares = new CompensatedSum();
        for (double value : values) {
            squares.add((value * factor - mean) * (value * factor - mean));
        }
        return Math.sqrt(squares.value() / values.length);
    }
}
