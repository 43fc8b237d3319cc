package io.modelwatch.common.distribution;

import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.Histogram;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The values of one numerical feature in one window (or one reference dataset), mergeable and of
 * bounded size: count, missing, moments, counts over the reference bins, counts of the
 * reference's distinct values when it has few, and the values themselves — kept exactly while
 * there are at most {@code exactLimit} of them (so small windows get exact KS p-values), then
 * folded into a KLL sketch whose size no longer grows with the number of values.
 *
 * <p>Merging gives exactly what adding every value in one place gives, except that once the
 * values live in a sketch its quantiles may differ within the sketch's rank error.
 */
public final class NumericalAccumulator {
    public static final int DEFAULT_EXACT_LIMIT = 10_000;
    public static final int DEFAULT_SKETCH_K = 200;
    private static final int FORMAT_VERSION = 1;
    /**
     * Format 1 and, after the sum of squared deviations, the power of two it is divided by
     * ({@link Moments}): written only for values whose squares overflow a double, so that every
     * other accumulator is still written byte for byte in format 1.
     */
    private static final int SCALED_FORMAT_VERSION = 2;

    private final int exactLimit;
    private final int sketchK;
    private final BinEdges edges;
    private final double[] trackedValues;

    private long missing;
    private final Moments moments;
    private final long[] binCounts;
    private final long[] trackedCounts;
    private long untrackedCount;
    private double[] exact;
    private int exactSize;
    private KllDoublesSketch sketch;

    /**
     * @param edges the reference's bin edges, or null without a reference
     * @param trackedValues the reference's distinct values when it has few of them (its values are
     *     then compared as categories), or null
     */
    public NumericalAccumulator(int exactLimit, int sketchK, BinEdges edges, double[] trackedValues) {
        if (exactLimit < 0) {
            throw new IllegalArgumentException("exact limit must not be negative, got " + exactLimit);
        }
        this.exactLimit = exactLimit;
        this.sketchK = sketchK;
        this.edges = edges;
        this.trackedValues = trackedValues == null ? null : sortedCopy(trackedValues);
        this.moments = new Moments();
        this.binCounts = edges == null ? null : new long[edges.histogramSize()];
        this.trackedCounts = trackedValues == null ? null : new long[trackedValues.length];
        this.exact = new double[Math.min(exactLimit, 16)];
    }


    /** Adds a value; NaN and infinities count as missing. */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            missing++;
            return;
        }
        moments.add(value);
        if (binCounts != null) {
            binCounts[edges.binOf(value)]++;
        }
        if (trackedCounts != null) {
            int index = Arrays.binarySearch(trackedValues, value);
            if (index >= 0) {
                trackedCounts[index]++;
            } else {
                untrackedCount++;
            }
        }
        addToValues(value);
    }

    public void addMissing() {
        missing++;
    }

    /** Adds everything {@code other} has seen; both must have been made for the same reference. */
    public void merge(NumericalAccumulator other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("cannot merge accumulators built for different references");
        }
        missing += other.missing;
        moments.merge(other.moments);
        addCounts(binCounts, other.binCounts);
        addCounts(trackedCounts, other.trackedCounts);
        untrackedCount += other.untrackedCount;
        if (other.sketch != null) {
            moveToSketch();
            sketch.merge(other.sketch);
        } else {
            for (int i = 0; i < other.exactSize; i++) {
                addToValues(other.exact[i]);
            }
        }
    }

    private boolean sameShape(NumericalAccumulator other) {
        return Objects.equals(edges, other.edges)
                && Arrays.equals(trackedValues, other.trackedValues)
                && exactLimit == other.exactLimit
                && sketchK == other.sketchK;
    }

    private void addToValues(double value) {
        if (sketch != null) {
            sketch.update(value);
            return;
        }
        if (exactSize == exactLimit) {
            moveToSketch();
            sketch.update(value);
            return;
        }
        if (exactSize == exact.length) {
            exact = Arrays.copyOf(exact, Math.min(Math.max(16, exact.length * 2), exactLimit));
        }
        exact[exactSize++] = value;
    }

    private void moveToSketch() {
        if (sketch != null) {
            return;
        }
        sketch = KllDoublesSketch.newHeapInstance(sketchK);
        for (int i = 0; i < exactSize; i++) {
            sketch.update(exact[i]);
        }
        exact = null;
        exactSize = 0;
    }

    private static void addCounts(long[] into, long[] from) {
        if (into != null) {
            for (int i = 0; i < into.length; i++) {
                into[i] += from[i];
            }
        }
    }

    /** Values seen, missing ones included. */
    public long count() {
        return moments.count() + missing;
    }

    public long missing() {
        return missing;
    }

    public Moments moments() {
        return moments;
    }

    public boolean isExact() {
        return sketch == null;
    }

    /** The non-missing values; null when there are none. */
    public NumericalDistribution distribution() {
        if (moments.count() == 0) {
            return null;
        }
        if (sketch != null) {
            return new SketchedValues(sketch);
        }
        double[] sorted = Arrays.copyOf(exact, exactSize);
        Arrays.sort(sorted);
        return ExactValues.ofSorted(sorted);
    }

    /** Counts over the reference's bin edges; null without a reference. */
    public Histogram histogram() {
        return binCounts == null ? null : Histogram.of(edges, binCounts);
    }

    /** The reference's distinct values this accumulator counts, or null. */
    public double[] trackedValues() {
        return trackedValues == null ? null : trackedValues.clone();
    }

    /** Counts of {@link #trackedValues()}, position by position, or null. */
    public long[] trackedCounts() {
        return trackedCounts == null ? null : trackedCounts.clone();
    }

    /** Values that are none of {@link #trackedValues()}. */
    public long untrackedCount() {
        return untrackedCount;
    }

    public void writeTo(DataOutput out) throws IOException {
        boolean scaled = moments.sumOfSquaresExponent() != 0;
        out.writeByte(scaled ? SCALED_FORMAT_VERSION : FORMAT_VERSION);
        out.writeInt(exactLimit);
        out.writeInt(sketchK);
        writeDoubles(out, edges == null ? null : edges.values());
        writeDoubles(out, trackedValues);
        out.writeLong(missing);
        out.writeLong(moments.count());
        out.writeDouble(moments.rawMean());
        out.writeDouble(moments.sumOfSquaredDeviations());
        if (scaled) {
            out.writeInt(moments.sumOfSquaresExponent());
        }
        out.writeDouble(moments.rawMin());
        out.writeDouble(moments.rawMax());
        writeLongs(out, binCounts);
        writeLongs(out, trackedCounts);
        out.writeLong(untrackedCount);
        if (sketch == null) {
            out.writeBoolean(false);
            writeDoubles(out, Arrays.copyOf(exact, exactSize));
        } else {
            out.writeBoolean(true);
            byte[] bytes = sketch.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    public static NumericalAccumulator readFrom(DataInput in) throws IOException {
        int version = in.readByte();
        if (version != FORMAT_VERSION && version != SCALED_FORMAT_VERSION) {
            throw new IOException("unknown numerical accumulator format " + version);
        }
        int exactLimit = in.readInt();
        int sketchK = in.readInt();
        double[] edgeValues = readDoubles(in);
        double[] tracked = readDoubles(in);
        NumericalAccumulator accumulator = new NumericalAccumulator(
                exactLimit, sketchK, edgeValues == null ? null : BinEdges.of(edgeValues), tracked);
        accumulator.missing = in.readLong();
        long count = in.readLong();
        double mean = in.readDouble();
        double sumOfSquaredDeviations = in.readDouble();
        int exponent = version == SCALED_FORMAT_VERSION ? in.readInt() : 0;
        if (exponent != 0 && exponent != Moments.SCALED_EXPONENT) {
            throw new IOException("unknown scale 2^-" + exponent + " of a sum of squared deviations");
        }
        accumulator.moments.merge(new Moments(count, mean, sumOfSquaredDeviations, exponent, in.readDouble(), in.readDouble()));
        copyInto(readLongs(in), accumulator.binCounts);
        copyInto(readLongs(in), accumulator.trackedCounts);
        accumulator.untrackedCount = in.readLong();
        if (in.readBoolean()) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            accumulator.sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
            accumulator.exact = null;
        } else {
            double[] values = readDoubles(in);
            accumulator.exact = values;
            accumulator.exactSize = values.length;
        }
        return accumulator;
    }

    private static void copyInto(long[] from, long[] into) {
        if (into != null) {
            System.arraycopy(from, 0, into, 0, into.length);
        }
    }

    private static void writeDoubles(DataOutput out, double[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (double value : values) {
                out.writeDouble(value);
            }
        }
    }

    private static double[] readDoubles(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static void writeLongs(DataOutput out, long[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long value : values) {
                out.writeLong(value);
            }
        }
    }

    private static long[] readLongs(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    private static double[] sortedCopy(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
