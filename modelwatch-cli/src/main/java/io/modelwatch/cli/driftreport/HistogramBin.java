package io.modelwatch.cli.driftreport;

/**
 * One bar position of a feature's histogram with the share of each side's non-missing values in it.
 *
 * @param label what the bar holds: a bin's range ({@code [0.5, 1.2)}, {@code < 0.1}), a value or a category
 * @param lower a numerical bin's lower edge; null for the bin below the reference range, values and categories
 * @param upper a numerical bin's upper edge; null for the bin above the reference range, values and categories
 */
public record HistogramBin(String label, Double lower, Double upper, double referenceShare, double currentShare) {

    static HistogramBin category(String label, double referenceShare, double currentShare) {
        return new HistogramBin(label, null, null, referenceShare, currentShare);
    }
}
