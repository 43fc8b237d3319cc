package io.modelwatch.cli.timeline;

import io.modelwatch.cli.driftreport.ReportNumbers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How a chart writes its values: on the y axis and in the tooltips. */
public enum ValueFormat {
    /** Three significant digits, as the drift report writes statistics. */
    DECIMAL,
    /** A share as a percentage. */
    PERCENT,
    /** A whole number with thousands separators. */
    COUNT,
    /** Milliseconds. */
    MILLIS;

    public String format(Double value) {
        if (value == null) {
            return "—";
        }
        return switch (this) {
            case DECIMAL -> ReportNumbers.decimal(value);
            case PERCENT -> ReportNumbers.percent(value);
            case COUNT -> ReportNumbers.count(Math.round(value));
            case MILLIS -> ReportNumbers.decimal(value) + " ms";
        };
    }

    /** A tick label: as short as the step between ticks allows. */
    String tick(double value, double step) {
        return switch (this) {
            case PERCENT -> trim(String.format(Locale.ROOT, "%." + decimals(step * 100) + "f", value * 100)) + "%";
            case COUNT -> value >= 10_000 ? ReportNumbers.decimal(value / 1000) + "k" : ReportNumbers.count(Math.round(value));
            case MILLIS -> trim(String.format(Locale.ROOT, "%." + decimals(step) + "f", value)) + " ms";
            case DECIMAL -> trim(String.format(Locale.ROOT, "%." + decimals(step) + "f", value));
        };
    }

    /** The decimals that write every multiple of the step exactly: 2 for 0.25, 1 for 0.5, 0 for 5. */
    private static int decimals(double step) {
        return Math.max(0, new BigDecimal(step).round(new MathContext(6)).stripTrailingZeros().scale());
    }

    private static String trim(String number) {
        return number.equals("-0") ? "0" : number;
    }
}
