package io.modelwatch.common.dataset;

import io.modelwatch.common.event.FeatureValue;
import java.util.ArrayList;
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
    private final String source;
    private final Map<String, List<FeatureValue>> columns = new LinkedHashMap<>();
    private final List<String> predictions = new ArrayList<>();
    private final List<String> actuals = new ArrayList<>();
    private int rows;

    public Dataset(String source) {
        this.source = source;
    }

    /** Adds one row without prediction or ground truth; columns first seen now are missing in the earlier rows. */
    public void addRow(Map<String, FeatureValue> row) {
        addRow(row, null, null);
    }

    /** Adds one row; prediction and actual may be null. */
    public void addRow(Map<String, FeatureValue> row, String prediction, String actual) {
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
