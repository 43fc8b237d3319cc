package io.modelwatch.common.dataset;

import io.modelwatch.common.event.FeatureValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of named feature values read from a CSV or JSON-lines file, kept by column, with the
 * model's prediction and the ground truth of each row when the file has them. A row that lacks
 * a column has a missing value there, so every column has one value per row.
 */
public final class Dataset {
    /**
     * Most distinct columns a dataset may have. Every row holds a value (perhaps missing) for every
     * column, so rows that each bring new columns would cost rows × columns; the readers refuse the
     * line that goes past this bound instead.
     */
    public static final int MAX_COLUMNS = 10_000;
    /** The line of a row added without one. */
    public static final long UNKNOWN_LINE = -1;

    private final String source;
    private final Map<String, List<FeatureValue>> columns = new LinkedHashMap<>();
    private final List<String> predictions = new ArrayList<>();
    private final List<String> actuals = new ArrayList<>();
    private int rows;
    private long[] lines = new long[0];
    private long skippedFailedEvents;
    private long skippedOtherModels;

    public Dataset(String source) {
        this.source = source;
    }

    /** Adds one row without prediction or ground truth; columns first seen now are missing in the earlier rows. */
    public void addRow(Map<String, FeatureValue> row) {
        addRow(row, null, null);
    }

    /** Adds one row; prediction and actual may be null. */
    public void addRow(Map<String, FeatureValue> row, String prediction, String actual) {
        addRow(UNKNOWN_LINE, row, prediction, actual);
    }

    /**
     * Adds one row read from {@code line} of the file, so errors about its values can name the line.
     * Prediction and actual may be null.
     */
    public void addRow(long line, Map<String, FeatureValue> row, String prediction, String actual) {
        if (lines.length == rows) {
            lines = Arrays.copyOf(lines, Math.max(16, rows * 2));
        }
        lines[rows] = line;
        predictions.add(prediction);
        actuals.add(actual);
        for (Map.Entry<String, FeatureValue> cell : row.entrySet()) {
            columns.computeIfAbsent(cell.getKey(), name -> new ArrayList<>(Collections.nCopies(rows, FeatureValue.MISSING)))
                    .add(cell.getValue());
        }
        rows++;
        for (List<FeatureValue> column : columns.values()) {
            if (column.size() < rows) {
                column.add(FeatureValue.MISSING);
            }
        }
    }

    /** Counts a prediction event left out because serving failed ({@code error} set): it has no features to profile. */
    public void skipFailedEvent() {
        skippedFailedEvents++;
    }

    /** Counts a prediction event left out because it belongs to another model than the one asked for. */
    public void skipOtherModel() {
        skippedOtherModels++;
    }

    /** Failed-request events read and left out, so that lines read = rows + skipped. */
    public long skippedFailedEvents() {
        return skippedFailedEvents;
    }

    /** Other models' events read and left out. */
    public long skippedOtherModels() {
        return skippedOtherModels;
    }

    /** The file line a row came from (1-based row index → line), or {@link #UNKNOWN_LINE}. */
    public long lineOf(int row) {
        return row < rows ? lines[row] : UNKNOWN_LINE;
    }

    /** {@code file:line} of a row (0-based), or {@code file: row N} when its line is not known. */
    public String where(int row) {
        long line = lineOf(row);
        return line == UNKNOWN_LINE ? source + ": row " + (row + 1) : source + ":" + line;
    }

    public int columnCount() {
        return columns.size();
    }

    /** Where the data came from, for messages. */
    public String source() {
        return source;
    }

    public int rows() {
        return rows;
    }

    public Set<String> columnNames() {
        return Collections.unmodifiableSet(columns.keySet());
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    public List<FeatureValue> column(String name) {
        List<FeatureValue> column = columns.get(name);
        if (column == null) {
            throw new IllegalArgumentException(source + ": no column '" + name + "'");
        }
        return Collections.unmodifiableList(column);
    }

    /** Each row's prediction (null where unknown). */
    public List<String> predictions() {
        return Collections.unmodifiableList(predictions);
    }

    /** Each row's ground truth (null where unknown). */
    public List<String> actuals() {
        return Collections.unmodifiableList(actuals);
    }

    public boolean hasOutcomes() {
        for (int i = 0; i < rows; i++) {
            if (predictions.get(i) != null && actuals.get(i) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same rows with the named columns taken out of the features and used as each row's
     * prediction and ground truth (either name may be null).
     */
    public Dataset withOutcomeColumns(String predictionColumn, String actualColumn) {
        Dataset copy = new Dataset(source);
        copy.rows = rows;
        copy.lines = lines;
        copy.skippedFailedEvents = skippedFailedEvents;
        copy.skippedOtherModels = skippedOtherModels;
        copy.predictions.addAll(predictionColumn == null ? predictions : texts(column(predictionColumn)));
        copy.actuals.addAll(actualColumn == null ? actuals : texts(column(actualColumn)));
        columns.forEach((name, values) -> {
            if (!name.equals(predictionColumn) && !name.equals(actualColumn)) {
                copy.columns.put(name, values);
            }
        });
        return copy;
    }

    private static List<String> texts(List<FeatureValue> values) {
        List<String> texts = new ArrayList<>(values.size());
        values.forEach(value -> texts.add(value.text()));
        return texts;
    }
}
