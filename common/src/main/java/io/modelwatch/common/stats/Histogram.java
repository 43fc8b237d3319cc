package io.modelwatch.common.stats;

import java.util.Arrays;

/**
 * Counts over {@link BinEdges} e0 < … < em: {@code counts[0]} holds values below e0, {@code counts[i]} for
 * i in 1..m the values in [e(i−1), e(i)) with the last interior bin closed at em (as {@code np.histogram}),
 * and {@code counts[m+1]} the values above em. A single edge e0 (constant reference) has one degenerate
 * interior bin [e0, e0], so its histogram has three counts.
 */
public final class Histogram {

    private final BinEdges edges;
    private final long[] counts;

    private Histogram(BinEdges edges, long[] counts) {
        this.edges = edges;
        this.counts = counts;
    }

    /** A histogram from stored counts, e.g. a reference profile's. */
    public static Histogram of(BinEdges edges, long[] counts) {
        if (counts.length != countsFor(edges.size())) {
            throw new IllegalArgumentException("expected " + countsFor(edges.size()) + " counts for "
                    + edges.size() + " edges, got " + counts.length);
        }
        if (Arrays.stream(counts).anyMatch(count -> count < 0)) {
            throw new IllegalArgumentException("counts must not be negative: " + Arrays.toString(counts));
        }
        return new Histogram(edges, counts.clone());
    }

    static int countsFor(int edgeCount) {
        return Math.max(edgeCount - 1, 1) + 2;
    }

    public BinEdges edges() {
        return edges;
    }

    public long[] counts() {
        return counts.clone();
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    /**
     * Counts over open-ended bins, so that values outside the reference range still count: below e0 joins the
     * first interior bin and above em the last, giving (−inf, e1), [e1, e2), …, [e(m−1), +inf). With a single
     * interior bin (one or two edges: a constant or two-valued reference) folding would leave one bin and every
     * measure 0, so the three counts (−inf, e0), [e0, em], (em, +inf) are kept and any move outside shows.
     */
    public long[] folded() {
        if (counts.length == 3) {
            return counts.clone();
        }
        long[] folded = Arrays.copyOfRange(counts, 1, counts.length - 1);
        folded[0] += counts[0];
        folded[folded.length - 1] += counts[counts.length - 1];
        return folded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram that && edges.equals(that.edges) && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * edges.hashCode() + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram{edges=" + edges + ", counts=" + Arrays.toString(counts) + "}";
    }
}
