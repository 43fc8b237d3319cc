package io.modelwatch.retraining.rules;

import java.util.HashMap;
import java.util.Map;

/** Test metrics keyed like a decision's metrics ("max_psi", "psi[income]"); an absent key is null. */
record MapMetrics(Map<String, Double> values) implements MetricLookup {

    /** Alternating keys and values; a null value stands for a metric that is null in the report. */
    static MapMetrics of(Object... keysAndValues) {
        Map<String, Double> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
        }
        return new MapMetrics(values);
    }

    @Override
    public Double value(Metric metric, String feature) {
        return values.get(metric.key(feature));
    }
}
