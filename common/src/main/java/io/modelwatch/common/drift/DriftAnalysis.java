package io.modelwatch.common.drift;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.distribution.CategoricalAccumulator;
import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.profile.FeatureProfile;
import io.modelwatch.common.profile.NumericalProfile;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.common.report.FeatureReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch drift of a whole current dataset against a reference profile, as the {@code drift}
 * command computes it. The current values are all kept, so they are compared exactly.
 */
public final class DriftAnalysis {
    private DriftAnalysis() {}

    public static DriftReport analyze(ReferenceProfile reference, Dataset current, DriftSettings settings)
            throws DatasetException {
        if (reference.features().keySet().stream().noneMatch(current::hasColumn)) {
            // Nothing would be compared, and "0 of 0 features drifted" would read as "no drift".
            throw new DatasetException(current.source() + ": none of the reference's features is a column here (reference: "
                    + String.join(", ", reference.features().keySet()) + "; here: " + String.join(", ", current.columnNames()) + ")");
        }
        Map<String, FeatureDriftResult> features = new LinkedHashMap<>();
        for (Map.Entry<String, FeatureProfile> entry : reference.features().entrySet()) {
            String name = entry.getKey();
            FeatureProfile profile = entry.getValue();
            String type = profile.isNumerical() ? FeatureReport.NUMERICAL : FeatureReport.CATEGORICAL;
            if (!current.hasColumn(name)) {
                features.put(name, FeatureDriftResult.notComputed(type, null, "not in the current data"));
            } else if (profile.isNumerical()) {
                features.put(name, FeatureDrift.numerical(name, reference.rows(), profile,
                        numericalValues(current, name, profile.numerical()), settings));
            } else {
                features.put(name, FeatureDrift.categorical(name, reference.rows(), profile,
                        categoricalValues(current, name, profile), settings));
            }
        }
        List<String> ignored = new ArrayList<>(current.columnNames());
        ignored.removeAll(reference.features().keySet());
        return new DriftReport(DriftReport.datasetDrift(features, settings.datasetThreshold()), features, ignored);
    }

    private static NumericalAccumulator numericalValues(Dataset current, String name, NumericalProfile profile)
            throws DatasetException {
        NumericalAccumulator values = new NumericalAccumulator(Integer.MAX_VALUE, ProfileOptions.DEFAULT_SKETCH_K,
                profile.hasValues() ? profile.edges() : null, profile.trackedValues());
        List<FeatureValue> column = current.column(name);
        for (int row = 0; row < column.size(); row++) {
            FeatureValue value = column.get(row);
            if (value.isMissing()) {
                values.addMissing();
            } else if (value.isNumber()) {
                values.add(value.number());
            } else {
                throw new DatasetException(current.where(row) + ": column '" + name + "': '"
                        + value.text() + "' is not a number, but the feature is numerical in the reference");
            }
        }
        return values;
    }

    private static CategoricalAccumulator categoricalValues(Dataset current, String name, FeatureProfile profile) {
        CategoricalAccumulator values = new CategoricalAccumulator(Integer.MAX_VALUE,
                profile.categorical().counts().keySet());
        for (FeatureValue value : current.column(name)) {
            values.add(value.text());
        }
        return values;
    }
}
