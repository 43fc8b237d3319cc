package io.modelwatch.monitoring.flink;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.metrics.MetricGroup;

/**
 * The {@code modelwatch} metric group of an operator and its per-model-version subgroups, with
 * whatever each subgroup registered. Flink cannot unregister user groups, so each is made once
 * and kept; the job's limits on models bound how many there are (deploy/prometheus/METRICS.md).
 *
 * @param <T> what is kept per model version: counters, or the gauges of its latest report
 */
public final class ModelMetricGroups<T> {
    private final MetricGroup modelwatch;
    private final Function<MetricGroup, T> register;
    private final Map<String, Map<String, T>> perModelVersion = new HashMap<>();

    public ModelMetricGroups(MetricGroup operatorGroup, Function<MetricGroup, T> register) {
        this.modelwatch = operatorGroup.addGroup("modelwatch");
        this.register = register;
    }

    public T of(String model, String modelVersion) {
        Map<String, T> versions = perModelVersion.computeIfAbsent(model, name -> new HashMap<>());
        T registered = versions.get(modelVersion);
        if (registered == null) {
            registered = register.apply(modelwatch.addGroup("model", model).addGroup("version", modelVersion));
            versions.put(modelVersion, registered);
        }
        return registered;
    }
}
