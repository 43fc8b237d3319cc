package io.modelwatch.common.stats;

/** First Wasserstein (earth mover's) distance between two samples, as {@code scipy.stats.wasserstein_distance}. */
public final class WassersteinDistance {

    /** Floor on the reference standard deviation, so a constant reference does not divide by zero. */
    public static final double MIN_REFERENCE_STD = 0.001;

    private WassersteinDistance() {
    }

    /** W1 = ∫ |F_reference − F_current| over the pooled values. */
    public static double distance(double[] reference, double[] current) {
        return distanceOfSorted(SortedValues.of(reference, "reference"), SortedValues.of(current, "current"));
    }

    /** The drift score: W1 / max(std(reference), 0.001), with the population standard deviation (ddof 0). */
    public static double normalized(double[] reference, double[] current) {
        double[] a = SortedValues.of(reference, "reference");
        double[] b = SortedValues.of(current, "current");
        return distanceOfSorted(a, b) / Math.max(populationStd(a), MIN_REFERENCE_STD);
    }

    private static double distanceOfSorted(double[] a, double[] b) {
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
            area.add(Math.abs(i * n2 - j * n1) / scale * (next - value));
            value = next;
        }
        return area.value();
    }

    private static double populationStd(double[] values) {
        CompensatedSum sum = new CompensatedSum();
        for (double value : values) {
            sum.add(value);
        }
        double mean = sum.value() / values.length;
        CompensatedSum squares = new CompensatedSum();
        for (double value : values) {
            squares.add((value - mean) * (value - mean));
        }
        return Math.sqrt(squares.value() / values.length);
    }
}
