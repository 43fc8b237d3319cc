package io.modelwatch.common.stats;

/**
 * Survival function of the one-sided one-sample Kolmogorov–Smirnov statistic D+_n, as SciPy's
 * {@code special.smirnov}. Commons Math has no one-sided distribution, and the two-sided tail is
 * {@code 2 * smirnov} where SciPy uses it, so small p-values need this to keep their relative accuracy.
 */
final class SmirnovDistribution {

    /** Above this size SciPy switches to an approximation, and so do we, to return the same value. */
    private static final int MAX_EXACT_N = 1_000_000;

    private SmirnovDistribution() {
    }

    /**
     * P(D+_n >= x) for 1/n < x < 1 - 1/n (the only range in which the two-sided distribution asks for it).
     * Exact: the Birnbaum–Tingey sum x * Σ_j C(n,j) (1-x-j/n)^(n-j) (x+j/n)^(j-1), whose terms are all
     * positive, summed in log space so that neither the binomials nor the powers overflow.
     */
    static double sf(int n, double x) {
        if (n > MAX_EXACT_N) {
            double s = 6.0 * n * x + 1;
            return Math.exp(-s * s / 18.0 / n);
        }
        double nx = n * x;
        double logBinomial = 0;
        double logMax = Double.NEGATIVE_INFINITY;
        double scaledSum = 0;
        for (int j = 0; n - nx - j > 0; j++) {
            double logTerm = logBinomial
                    + (n - j) * Math.log((n - nx - j) / n)
                    + (j - 1) * Math.log((nx + j) / n);
            if (logTerm > logMax) {
                scaledSum = scaledSum * Math.exp(logMax - logTerm) + 1;
                logMax = logTerm;
            } else {
                scaledSum += Math.exp(logTerm - logMax);
            }
            logBinomial += Math.log((double) (n - j) / (j + 1));
        }
        return Math.exp(Math.log(x) + logMax + Math.log(scaledSum));
    }
}
