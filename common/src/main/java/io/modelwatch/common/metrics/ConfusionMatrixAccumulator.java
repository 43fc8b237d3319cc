package io.modelwatch.common.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts of (actual, predicted) class-label pairs. Mutable and mergeable, for use inside an aggregate
 * function.
 *
 * <p>The counts are kept as parallel arrays of cells (actual label, predicted label, count) because Flink
 * serializes arrays of strings and longs as a POJO, whereas a {@code Map} field would fall back to Kryo.
 */
public class ConfusionMatrixAccumulator {
    private String[] actualLabels = new String[0];
    private String[] predictedLabels = new String[0];
    private long[] counts = new long[0];
    /** actual → predicted → cell position; derived from the arrays, so rebuilt after Flink restores them. */
    private transient Map<String, Map<String, Integer>> cellIndex;

    public ConfusionMatrixAccumulator() {}

    public void add(String actual, String predicted) {
        add(actual, predicted, 1L);
    }

    /** Adds every count of {@code other} to this accumulator and returns this. */
    public ConfusionMatrixAccumulator merge(ConfusionMatrixAccumulator other) {
        if (other == this) {
            throw new IllegalArgumentException("an accumulator cannot be merged into itself");
        }
        for (int i = 0; i < other.counts.length; i++) {
            add(other.actualLabels[i], other.predictedLabels[i], other.counts[i]);
        }
        return this;
    }

    public long count(String actual, String predicted) {
        Integer cell = index().getOrDefault(actual, Map.of()).get(predicted);
        return cell == null ? 0L : counts[cell];
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** The actual label of each cell; parallel to {@link #getPredictedLabels()} and {@link #getCounts()}. */
    public String[] getActualLabels() {
        return actualLabels;
    }

    public void setActualLabels(String[] actualLabels) {
        this.actualLabels = actualLabels;
        cellIndex = null;
    }

    public String[] getPredictedLabels() {
        return predictedLabels;
    }

    public void setPredictedLabels(String[] predictedLabels) {
        this.predictedLabels = predictedLabels;
        cellIndex = null;
    }

    public long[] getCounts() {
        return counts;
    }

    public void setCounts(long[] counts) {
        this.counts = counts;
        cellIndex = null;
    }

    private void add(String actual, String predicted, long n) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        Map<String, Integer> row = index().computeIfAbsent(actual, a -> new HashMap<>());
        Integer cell = row.get(predicted);
        if (cell == null) {
            cell = counts.length;
            actualLabels = Arrays.copyOf(actualLabels, cell + 1);
            predictedLabels = Arrays.copyOf(predictedLabels, cell + 1);
            counts = Arrays.copyOf(counts, cell + 1);
            actualLabels[cell] = actual;
            predictedLabels[cell] = predicted;
            row.put(predicted, cell);
        }
        counts[cell] += n;
    }

    private Map<String, Map<String, Integer>> index() {
        if (cellIndex == null) {
            cellIndex = new HashMap<>();
            for (int i = 0; i < counts.length; i++) {
                cellIndex.computeIfAbsent(actualLabels[i], a -> new HashMap<>()).put(predictedLabels[i], i);
            }
        }
        return cellIndex;
    }
}
