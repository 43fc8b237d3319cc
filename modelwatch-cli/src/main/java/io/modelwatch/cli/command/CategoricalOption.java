package io.modelwatch.cli.command;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code --categorical a,b} option: every name must be a column of the data. */
final class CategoricalOption {
    private CategoricalOption() {}

    static Set<String> validated(List<String> names, Dataset data) throws DatasetException {
        Set<String> features = new LinkedHashSet<>();
        for (String name : names) {
            String feature = name.strip();
            if (!data.hasColumn(feature)) {
                throw new DatasetException(data.source() + ": --categorical names column '" + feature
                        + "', which the file does not have (columns: " + String.join(", ", data.columnNames()) + ")");
            }
            features.add(feature);
        }
        return features;
    }
}
