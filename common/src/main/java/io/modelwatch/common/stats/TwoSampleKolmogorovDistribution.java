package io.modelwatch.common.stats;

/**
 * Exact null distribution of the two-sample Kolmogorov–Smirnov statistic, as {@code ks_2samp} computes it
 * (Hodges 1958). With lcm = lcm(n1, n2), every attainable statistic is h / lcm for an integer h, and
 * P(D ≥ h / lcm) is the share of monotone lattice paths from (0, 0) to (n1, n2) that touch the band
 * boundary |x·lcm/n1 − y·lcm/n2| ≥ h.
 */
final class TwoSampleKolmogorovDistribution {

    private TwoSampleKolmogorovDistribution() {
    }

    /** P(D ≥ h / lcm(n1, n2)) for h ≥ 1. */
    static double sf(int n1, int n2, long h) {
        if (n1 == n2) {
            return outsideSquare(n1, h);
        }
        return outsideBand(Math.max(n1, n2), Math.min(n1, n2), h);
    }

    /**
     * Equal sizes: 2 Σ_{k≥1} (−1)^(k−1) C(2n, n−kh) / C(2n, n). The alternating sum cancels badly, so it is
     * evaluated as nested products 2·r1(1 − r2(1 − r3(…))) of the ratios r_k = C(2n, n−kh) / C(2n, n−(k−1)h).
     */
    private static double outsideSquare(int n, long h) {
        double nested = 0;
        for (long k = n / h + 1; k >= 1; k--) {
            double ratio = 1;
            long offset = (k - 1) * h;
            for (long j = 0; j < h; j++) {
                ratio = (n - offset - j) * ratio / (n + offset + j + 1);
            }
            nested = ratio * (1 - nested);
        }
        return 2 * nested;
    }

    /**
     * Unequal sizes m > n: q(i, j), the share of paths to (i, j) that have touched the boundary, is 1 on and
     * beyond it and (i·q(i−1, j) + j·q(i, j−1)) / (i + j) inside it, so it stays a probability throughout and
     * small tails keep their relative accuracy (Viehmann 2021). Only the band of each column is visited.
     */
    private static double outsideBand(int m, int n, long h) {
        long g = gcd(m, n);
        long mg = m / g;
        long ng = n / g;
        double[] previous = new double[n + 1];
        double[] current = new double[n + 1];
        int previousLow = 0;
        int previousHigh = (int) Math.min(ceilDiv(h, mg), n + 1);
        for (int i = 1; i <= m; i++) {
            long diagonal = i * ng;
            int low = (int) Math.max(Math.floorDiv(diagonal - h, mg) + 1, 0);
            int high = (int) Math.min(ceilDiv(diagonal + h, mg), n + 1);
            if (high <= low) {
                return 1;
            }
            for (int j = low; j < high; j++) {
                double left = j >= previousLow && j < previousHigh ? previous[j] : 1;
                double below = j == low ? 1 : current[j - 1];
                current[j] = (i * left + j * below) / (i + j);
            }
            double[] swap = previous;
            previous = current;
            current = swap;
            previousLow = low;
            previousHigh = high;
        }
        return previous[n];
    }

    static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
