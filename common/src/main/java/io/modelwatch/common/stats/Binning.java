package io.modelwatch.common.stats;

import java.util.Arrays;

/** How bin edges are laid over the reference sample. */
public enum Binning {
    /** Edges at the reference quantiles 0, 1/bins, …, 1 (deciles by default). */
    QUANTILE("quantile"),
    /** Edges evenly spaced between the reference minimum and maximum. */
    EQUAL_WIDTH("equal-width");

    private final String wireName;

    Binning(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Binning fromWireName(String name) {
        return Arrays.stream(values())
                .filter(binning -> binning.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown binning '" + name + "'; expected quantile or equal-width"));
    }
}
