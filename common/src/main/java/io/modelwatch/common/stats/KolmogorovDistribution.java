package io.modelwatch.common.stats;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The exact distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n: its survival
 * function matches SciPy's {@code kstwo.sf}, region by region (Simard and L'Ecuyer, 2011, as SciPy
 * applies them), because the asymptotic two-sample p-value of {@code ks_2samp} is {@code kstwo.sf}.
 *
 * <p>Commons Math computes the CDF accurately for n ≤ 140 (Durbin's matrix) and has the same Pelz–Good
 * approximation as SciPy; it is used there. Two pieces are our own because Commons Math lacks them:
 * Durbin's matrix for n > 140 (Commons Math switches to Pelz–Good, which is off by up to 1e-7 where SciPy
 * stays exact), and the one-sided tail {@link SmirnovDistribution} that keeps small p-values relatively
 * accurate instead of computing them as 1 - CDF.
 */
public final class KolmogorovDistribution {

    private static final KolmogorovSmirnovTest COMMONS = new KolmogorovSmirnovTest();
    private static final int COMMONS_EXACT_MAX_N = 140;
    private static final int DURBIN_MAX_N = 100_000;
    private static final double SCALE = 0x1p128;
    /** Below this z = x√n the Pelz–Good CDF underflows; SciPy returns 0 there (and Commons Math would not converge). */
    private static final double PELZ_GOOD_MIN_Z = Math.PI / Math.sqrt(8 * 708.0);

    private KolmogorovDistribution() {
    }

    /** P(D_n ≥ d), in [0, 1]. */
    public static double sf(double d, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, got " + n);
        }
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("statistic is NaN");
        }
        return Math.min(1.0, Math.max(0.0, tail(d, n)));
    }

    private static double tail(double d, int n) {
        if (d >= 1) {
            return 0;
        }
        if (d <= 0) {
            return 1;
        }
        double t = n * d;
        if (t <= 1) {
            return t <= 0.5 ? 1 : 1 - rubenGambinoCdf(t, n);
        }
        if (t >= n - 1) {
            return 2 * Math.pow(1 - d, n);
        }
        if (d >= 0.5) {
            return 2 * SmirnovDistribution.sf(n, d);
        }
        double nxx = t * d;
        if (n <= COMMONS_EXACT_MAX_N) {
            return nxx <= 4 ? 1 - COMMONS.cdf(d, n) : 2 * SmirnovDistribution.sf(n, d);
        }
        if (nxx >= 370) {
            return 0;
        }
        if (nxx >= 2.2) {
            return 2 * SmirnovDistribution.sf(n, d);
        }
        if (n <= DURBIN_MAX_N && n * Math.pow(d, 1.5) <= 1.4) {
            return 1 - durbinCdf(d, n);
        }
        if (Math.sqrt(n) * d < PELZ_GOOD_MIN_Z) {
            return 1;
        }
        return 1 - COMMONS.pelzGood(d, n);
    }

    /** Exact for 1/(2n) < d ≤ 1/n: n!/n^n (2nd - 1)^n. */
    private static double rubenGambinoCdf(double t, int n) {
        double p = 1;
        for (int i = 1; i <= n && p > 0; i++) {
            p *= (double) i / n * (2 * t - 1);
        }
        return p;
    }

    /**
     * Durbin's matrix method as Marsaglia, Tsang and Wang evaluate it: P(D_n < d) = n!/n^n (H^n)[k][k],
     * with powers of two split off while squaring so that neither H^n nor n!/n^n leaves double range.
     */
    private static double durbinCdf(double d, int n) {
        double nd = n * d;
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        double[][] matrix = durbinMatrix(k, h);
        double[][] power = null;
        long powerExponent = 0;
        long matrixExponent = 0;
        for (int remaining = n; remaining > 0; remaining >>= 1) {
            if ((remaining & 1) == 1) {
                power = power == null ? matrix : multiply(power, matrix);
                powerExponent += matrixExponent;
            }
            if (remaining > 1) {
                matrix = multiply(matrix, matrix);
                matrixExponent *= 2;
                if (Math.abs(matrix[k - 1][k - 1]) > SCALE) {
                    scaleDown(matrix);
                    matrixExponent += 128;
                }
            }
        }
        double p = power[k - 1][k - 1];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (p < 1 / SCALE) {
                p *= SCALE;
                powerExponent -= 128;
            }
        }
        return Math.scalb(p, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, powerExponent)));
    }

    private static double[][] durbinMatrix(int k, double h) {
        int m = 2 * k - 1;
        double[] inverseFactorial = new double[m + 1];
        inverseFactorial[0] = 1;
        for (int i = 1; i <= m; i++) {
            inverseFactorial[i] = inverseFactorial[i - 1] / i;
        }
        double[][] matrix = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= Math.min(i + 1, m - 1); j++) {
                matrix[i][j] = inverseFactorial[i - j + 1];
            }
        }
        for (int i = 0; i < m; i++) {
            double edge = (1 - Math.pow(h, i + 1)) * inverseFactorial[i + 1];
            matrix[i][0] = edge;
            matrix[m - 1][m - 1 - i] = edge;
        }
        matrix[m - 1][0] = (1 - 2 * Math.pow(h, m) + Math.pow(Math.max(0, 2 * h - 1), m)) * inverseFactorial[m];
        return matrix;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] product = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] row = product[i];
            for (int l = 0; l < m; l++) {
                double factor = a[i][l];
                if (factor != 0) {
                    double[] bRow = b[l];
                    for (int j = 0; j < m; j++) {
                        row[j] += factor * bRow[j];
                    }
                }
            }
        }
        return product;
    }

    private static void scaleDown(double[][] matrix) {
        for (double[] row : matrix) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= SCALE;
            }
        }
    }
}
