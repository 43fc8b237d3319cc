package io.modelwatch.cli.driftreport;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the HTML report writes numbers: shares as percentages, statistics to three significant digits. */
public final class ReportNumbers {
    private static final String NONE = "—";

    private ReportNumbers() {}

    /** A share in [0, 1] as a percentage with one decimal, e.g. {@code 12.3%}. */
    public static String percent(Double share) {
        if (share == null) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /**
     * A statistic or bin edge: three significant digits in plain notation, scientific notation below 0.001
     * (tiny p-values), and whole numbers with thousands separators from 1000 on. A KL divergence can be infinite.
     */
    public static String decimal(Double value) {
        if (value == null || value.isNaN()) {
            return NONE;
        }
        if (value.isInfinite()) {
            return value > 0 ? "∞" : "−∞";
        }
        double magnitude = Math.abs(value);
        if (value == 0) {
            return "0";
        }
        if (magnitude < 0.001) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A number as the feature table's sort script reads it; empty (sorted last) when there is none. */
    public static String sortKey(Double value) {
        return value == null || value.isNaN() ? "" : Double.toString(value);
    }

    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
