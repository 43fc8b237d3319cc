package io.modelwatch.common.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reference and current counts over the same bins or categories, position by position: the input of the
 * share-based drift measures and the chi-square test. Both sides must have at least one value.
 */
public final class AlignedCounts {

    private final long[] reference;
    private final long[] current;

    private AlignedCounts(long[] reference, long[] current) {
        this.reference = reference;
        this.current = current;
    }

    public static AlignedCounts of(long[] reference, long[] current) {
        if (reference.length != current.length || reference.length == 0) {
            throw new IllegalArgumentException("counts must be aligned and non-empty, got "
                    + reference.length + " reference and " + current.length + " current entries");
        }
        requireValues(reference, "reference");
        requireValues(current, "current");
        return new AlignedCounts(reference.clone(), current.clone());
    }

    /** Open-ended bin counts (see {@link Histogram#folded()}) of two histograms over the same edges. */
    public static AlignedCounts binned(Histogram reference, Histogram current) {
        if (!reference.edges().equals(current.edges())) {
            throw new IllegalArgumentException("histograms have different edges: "
                    + reference.edges() + " and " + current.edges());
        }
        return of(reference.folded(), current.folded());
    }

    /** Open-ended bin counts of two samples over edges built from the reference. */
    public static AlignedCounts binned(double[] reference, double[] current, BinEdges edges) {
        return binned(edges.count(reference), edges.count(current));
    }

    /** Counts over the union of categories; a category missing on one side counts 0 there. */
    public static <K extends Comparable<K>> AlignedCounts categorical(Map<K, Long> reference, Map<K, Long> current) {
        TreeSet<K> categories = new TreeSet<>(reference.keySet());
        categories.addAll(current.keySet());
        long[] referenceCounts = new long[categories.size()];
        long[] currentCounts = new long[categories.size()];
        int index = 0;
        for (K category : categories) {
            referenceCounts[index] = reference.getOrDefault(category, 0L);
            currentCounts[index] = current.getOrDefault(category, 0L);
            index++;
        }
        return of(referenceCounts, currentCounts);
    }

    /** A numerical sample with few distinct values treated as categories: one per distinct value. */
    public static AlignedCounts distinctValues(double[] reference, double[] current) {
        return categorical(countDistinct(SortedValues.of(reference, "reference")),
                countDistinct(SortedValues.of(current, "current")));
    }

    public int size() {
        return reference.length;
    }

    public long[] reference() {
        return reference.clone();
    }

    public long[] current() {
        return current.clone();
    }

    Shares referenceShares() {
        return Shares.of(reference);
    }

    Shares currentShares() {
        return Shares.of(current);
    }

    private static Map<Double, Long> countDistinct(double[] sorted) {
        Map<Double, Long> counts = new TreeMap<>();
        for (double value : sorted) {
            // 0.0 rather than -0.0: one category for both zeros, as np.unique has.
            counts.merge(value + 0.0, 1L, Long::sum);
        }
        return counts;
    }

    private static void requireValues(long[] counts, String role) {
        if (Arrays.stream(counts).anyMatch(count -> count < 0)) {
            throw new IllegalArgumentException(role + " counts must not be negative: " + Arrays.toString(counts));
        }
        if (Arrays.stream(counts).sum() == 0) {
            throw new IllegalArgumentException(role + " has no values");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlignedCounts that
                && Arrays.equals(reference, that.reference) && Arrays.equals(current, that.current);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(reference) + Arrays.hashCode(current);
    }

    @Override
    public String toString() {
        return "AlignedCounts{reference=" + Arrays.toString(reference) + ", current=" + Arrays.toString(current) + "}";
    }
}
