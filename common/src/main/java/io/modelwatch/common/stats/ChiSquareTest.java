package io.modelwatch.common.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square test of homogeneity on the 2 × k table [reference counts, current counts], as
 * {@code scipy.stats.chi2_contingency(table, correction=False)}. Categories empty on both sides carry no
 * information and are left out (SciPy would reject the table); one remaining category means 0 degrees of
 * freedom, statistic 0 and p-value 1.
 */
public final class ChiSquareTest {

    public record Result(double statistic, double pValue, int degreesOfFreedom) {
    }

    private ChiSquareTest() {
    }

    public static Result test(AlignedCounts counts) {
        long[] reference = counts.reference();
        long[] current = counts.current();
        double referenceTotal = sum(reference);
        double currentTotal = sum(current);
        double total = referenceTotal + currentTotal;
        CompensatedSum statistic = new CompensatedSum();
        int categories = 0;
        for (int i = 0; i < reference.length; i++) {
            double column = reference[i] + current[i];
            if (column == 0) {
                continue;
            }
            categories++;
            statistic.add(term(reference[i], referenceTotal * column / total));
            statistic.add(term(current[i], currentTotal * column / total));
        }
        int degreesOfFreedom = categories - 1;
        if (degreesOfFreedom == 0) {
            return new Result(0, 1, 0);
        }
        double chiSquare = statistic.value();
        // The chi-square survival function, directly: 1 - CDF would lose small p-values to rounding.
        return new Result(chiSquare, Gamma.regularizedGammaQ(degreesOfFreedom / 2.0, chiSquare / 2), degreesOfFreedom);
    }

    private static double term(long observed, double expected) {
        double difference = observed - expected;
        return difference * difference / expected;
    }

    private static double sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
