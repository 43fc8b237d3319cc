package io.modelwatch.common.stats;

import java.util.Arrays;

/**
 * Strictly increasing bin edges e0 < … < em, built from the reference sample. Edges that coincide (ties in
 * the reference) are merged, as {@code np.unique} does, so a constant reference has the single edge e0.
 */
public final class BinEdges {

    public static final int DEFAULT_BINS = 10;
    /**
     * Most bins a profile may ask for. PSI over more bins than this measures noise, and every
     * histogram of every feature holds this many counts: a typo like 100000000 would exhaust memory.
     */
    public static final int MAX_BINS = 1000;

    private final double[] edges;

    private BinEdges(double[] edges) {
        this.edges = edges;
    }

    /** Edges from stored values, e.g. a reference profile; they must be finite and strictly increasing. */
    public static BinEdges of(double... edges) {
        if (edges == null || edges.length == 0) {
            throw new IllegalArgumentException("bin edges are empty");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) {
                throw new IllegalArgumentException("bin edges must be finite and strictly increasing: "
                        + Arrays.toString(edges));
            }
        }
        return new BinEdges(edges.clone());
    }

    public static BinEdges of(Binning binning, double[] reference, int bins) {
        return switch (binning) {
            case QUANTILE -> quantiles(reference, bins);
            case EQUAL_WIDTH -> equalWidth(reference, bins);
        };
    }

    /** {@code np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)))}, linear interpolation. */
    public static BinEdges quantiles(double[] reference, int bins) {
        double[] sorted = SortedValues.of(reference, "reference");
        double[] positions = linspace(0, 1, bins);
        double[] edges = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            edges[i] = Quantiles.linear(sorted, positions[i]);
            if (!Double.isFinite(edges[i])) {
                throw new IllegalArgumentException("reference range is too wide for quantile bins (from " + sorted[0]
                        + " to " + sorted[sorted.length - 1] + ", the interpolation overflows)");
            }
        }
        return new BinEdges(distinctSorted(edges));
    }

    /** {@code np.unique(np.linspace(min(reference), max(reference), bins + 1))}. */
    public static BinEdges equalWidth(double[] reference, int bins) {
        double[] sorted = SortedValues.of(reference, "reference");
        double[] edges = linspace(sorted[0], sorted[sorted.length - 1], bins);
        if (!Double.isFinite(edges[1] - edges[0])) {
            throw new IllegalArgumentException("reference range is too wide for equal-width bins");
        }
        return new BinEdges(distinctSorted(edges));
    }

    public double[] values() {
        return edges.clone();
    }

    public int size() {
        return edges.length;
    }

    /** Number of counts a histogram over these edges has: the bins plus one below and one above. */
    public int histogramSize() {
        return Histogram.countsFor(edges.length);
    }

    /** Index in a histogram's counts of the bin holding {@code value}; see {@link Histogram} for the layout. */
    public int binOf(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot bin " + value + "; remove missing values first");
        }
        int atOrBelow = Quantiles.countAtOrBelow(edges, value);
        if (atOrBelow < edges.length) {
            return atOrBelow;
        }
        int interior = histogramSize() - 2;
        return value == edges[edges.length - 1] ? interior : interior + 1;
    }

    /** Counts values per bin; see {@link Histogram} for the layout. Values must be finite. */
    public Histogram count(double[] values) {
        long[] counts = new long[histogramSize()];
        for (double value : values) {
            counts[binOf(value)]++;
        }
        return Histogram.of(this, counts);
    }

    /** NumPy's linspace: start + i·step, with the last point set to stop exactly. */
    private static double[] linspace(double start, double stop, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bin count must be at least 1, got " + bins);
        }
        double step = (stop - start) / bins;
        double[] points = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            points[i] = i * step + start;
        }
        points[bins] = stop;
        return points;
    }

    /** Primitive comparison, so that -0.0 and 0.0 are one edge as in NumPy. */
    private static double[] distinctSorted(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (double value : sorted) {
            if (distinct == 0 || value != sorted[distinct - 1]) {
                sorted[distinct++] = value;
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinEdges that && Arrays.equals(edges, that.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return "BinEdges" + Arrays.toString(edges);
    }
}
