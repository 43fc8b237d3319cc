package io.modelwatch.common.drift;

import io.modelwatch.common.stats.DatasetDrift;
import io.modelwatch.common.stats.DriftMethod;
import java.util.Map;

/**
 * Which drift method decides for each feature, and at what thresholds.
 *
 * @param method the method for every feature, or null for the default selection (docs/ARCHITECTURE.md section 4.2)
 * @param featureMethods per-feature methods, taking precedence over {@code method}
 * @param thresholds per-method thresholds replacing {@link DriftMethod#defaultThreshold()}
 * @param datasetThreshold share of drifted features from which the dataset has drifted
 */
public record DriftSettings(
        DriftMethod method,
        Map<String, DriftMethod> featureMethods,
        Map<DriftMethod, Double> thresholds,
        double datasetThreshold) {

    public DriftSettings {
        featureMethods = Map.copyOf(featureMethods);
        thresholds = Map.copyOf(thresholds);
    }

    public static DriftSettings defaults() {
        return new DriftSettings(null, Map.of(), Map.of(), DatasetDrift.DEFAULT_THRESHOLD);
    }

    public DriftSettings withMethod(DriftMethod newMethod) {
        return new DriftSettings(newMethod, featureMethods, thresholds, datasetThreshold);
    }

    DriftMethod methodFor(String feature, DriftMethod defaultMethod) {
        DriftMethod chosen = featureMethods.get(feature);
        if (chosen != null) {
            return chosen;
        }
        return method != null ? method : defaultMethod;
    }

    double thresholdOf(DriftMethod driftMethod) {
        return thresholds.getOrDefault(driftMethod, driftMethod.defaultThreshold());
    }
}
