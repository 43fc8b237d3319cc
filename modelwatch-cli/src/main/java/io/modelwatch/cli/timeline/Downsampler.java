package io.modelwatch.cli.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Thins a series to what a chart can show. Windows fall into buckets of equal width along the x
 * axis (one per pixel); of each bucket only the windows with its smallest and largest value are
 * drawn, in window order, so every spike and dip survives however many windows share a pixel. A
 * bucket without any value is a gap in the line, and so is a hole in time between two buckets;
 * with at most one window per bucket nothing is dropped and every null is a gap.
 */
public final class Downsampler {
    private final double origin;
    private final double bucketWidth;

    /** Buckets of {@code bucketWidth} starting at {@code origin}, in the units of the positions given. */
    public Downsampler(double origin, double bucketWidth) {
        if (!(bucketWidth > 0)) {
            throw new IllegalArgumentException("bucket width must be positive, got " + bucketWidth);
        }
        this.origin = origin;
        this.bucketWidth = bucketWidth;
    }

    public long bucketOf(double position) {
        return (long) Math.floor((position - origin) / bucketWidth);
    }

    /**
     * The windows to draw, as runs of indexes to join with a line.
     *
     * @param positions each window's x position, in window order (non-decreasing)
     * @param values each window's value, null where it has none
     * @param holeBefore true where time skips between a window and the one before it; may be null for none
     */
    public List<List<Integer>> segments(double[] positions, List<Double> values, boolean[] holeBefore) {
        if (positions.length != values.size()) {
            throw new IllegalArgumentException(positions.length + " positions for " + values.size() + " values");
        }
        List<List<Integer>> segments = new ArrayList<>();
        List<Integer> segment = new ArrayList<>();
        int i = 0;
        while (i < positions.length) {
            long bucket = bucketOf(positions[i]);
            boolean hole = holeBefore != null && holeBefore[i];
            int smallest = -1;
            int largest = -1;
            int j = i;
            for (; j < positions.length && bucketOf(positions[j]) == bucket; j++) {
                Double value = values.get(j);
                if (value == null) {
                    continue;
                }
                if (smallest < 0 || value < values.get(smallest)) {
                    smallest = j;
                }
                if (largest < 0 || value > values.get(largest)) {
                    largest = j;
                }
            }
            if (smallest < 0 || hole) {
                segment = close(segments, segment);
            }
            if (smallest >= 0) {
                segment.add(Math.min(smallest, largest));
                if (smallest != largest) {
                    segment.add(Math.max(smallest, largest));
                }
            }
            i = j;
        }
        close(segments, segment);
        return segments;
    }

    private static List<Integer> close(List<List<Integer>> segments, List<Integer> segment) {
        if (segment.isEmpty()) {
            return segment;
        }
        segments.add(List.copyOf(segment));
        return new ArrayList<>();
    }
}
