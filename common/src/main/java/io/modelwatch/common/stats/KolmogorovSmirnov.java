package io.modelwatch.common.stats;

/**
 * Two-sided two-sample Kolmogorov–Smirnov test, numerically as {@code scipy.stats.ks_2samp(reference, current)}
 * with {@code method='auto'}: the exact p-value while both samples have at most 10 000 values, otherwise
 * the asymptotic {@code kstwo.sf(d, round(n1·n2 / (n1 + n2)))}.
 */
public final class KolmogorovSmirnov {

    /** SciPy's limit for the exact p-value under {@code method='auto'}. */
    public static final int MAX_EXACT_SIZE = 10_000;

    /** @param statistic the largest distance between the two empirical CDFs, in [0, 1] */
    public record Result(double statistic, double pValue) {
    }

    private KolmogorovSmirnov() {
    }

    /** Tests two samples of finite values (missing values removed by the caller); ties are allowed. */
    public static Result test(double[] reference, double[] current) {
        double[] a = SortedValues.of(reference, "reference");
        double[] b = SortedValues.of(current, "current");
        long n1 = a.length;
        long n2 = b.length;
        long g = TwoSampleKolmogorovDistribution.gcd(n1, n2);
        long lcm = n1 / g * n2;
        long h = largestCdfGap(a, b) / g;
        double statistic = (double) h / lcm;
        return new Result(statistic, pValue(statistic, h, n1, n2));
    }

    /**
     * The p-value of statistic {@code d} for samples of sizes {@code n1} and {@code n2}, e.g. for a statistic
     * estimated from quantile sketches. Like SciPy, the exact distribution rounds d to the nearest attainable
     * value h / lcm(n1, n2).
     */
    public static double pValue(double d, long n1, long n2) {
        if (n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("sample sizes must be at least 1, got " + n1 + " and " + n2);
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("statistic must be in [0, 1], got " + d);
        }
        if (Math.max(n1, n2) > MAX_EXACT_SIZE) {
            return asymptotic(d, n1, n2);
        }
        long g = TwoSampleKolmogorovDistribution.gcd(n1, n2);
        long lcm = n1 / g * n2;
        long h = (long) Math.rint(d * lcm);
        return pValue((double) h / lcm, h, n1, n2);
    }

    private static double pValue(double statistic, long h, long n1, long n2) {
        if (Math.max(n1, n2) > MAX_EXACT_SIZE) {
            return asymptotic(statistic, n1, n2);
        }
        if (h == 0) {
            return 1;
        }
        double p = TwoSampleKolmogorovDistribution.sf((int) n1, (int) n2, h);
        // SciPy's own fallback: a rounding result outside [0, 1] means the exact computation failed.
        return p >= 0 && p <= 1 ? p : asymptotic(statistic, n1, n2);
    }

    private static double asymptotic(double d, long n1, long n2) {
        long effectiveSize = (long) Math.rint((double) n1 * n2 / ((double) n1 + n2));
        if (effectiveSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sample sizes " + n1 + " and " + n2 + " are too large");
        }
        return KolmogorovDistribution.sf(d, (int) Math.max(effectiveSize, 1));
    }

    /** max |i·n2 − j·n1| over the pooled distinct values, where i and j count the values ≤ each one. */
    private static long largestCdfGap(double[] a, double[] b) {
        long n1 = a.length;
        long n2 = b.length;
        int i = 0;
        int j = 0;
        long largest = 0;
        while (i < a.length && j < b.length) {
            double value = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == value) {
                i++;
            }
            while (j < b.length && b[j] == value) {
                j++;
            }
            largest = Math.max(largest, Math.abs(i * n2 - j * n1));
        }
        return largest;
    }
}
