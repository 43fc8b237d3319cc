package io.modelwatch.common.drift;

import io.modelwatch.common.stats.DatasetDrift;
import java.util.List;
import java.util.Map;

/**
 * Drift of a current dataset against a reference: per feature, and for the dataset as a whole.
 *
 * @param ignoredColumns columns of the current data that the reference does not have
 */
public record DriftReport(DatasetDrift datasetDrift, Map<String, FeatureDriftResult> features, List<String> ignoredColumns) {

    static DatasetDrift datasetDrift(Map<String, FeatureDriftResult> features, double threshold) {
        int computed = 0;
        int drifted = 0;
        for (FeatureDriftResult feature : features.values()) {
            if (feature.computed()) {
                computed++;
                if (feature.drifted()) {
                    drifted++;
                }
            }
        }
        return DatasetDrift.of(drifted, computed, threshold);
    }
}
