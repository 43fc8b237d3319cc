package io.modelwatch.monitoring.flink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Per-model-version counters of accepted prediction events ({@code predictions}, {@code errors}). */
public record EventCounters(Counter predictions, Counter errors) {

    public static EventCounters register(MetricGroup modelVersion) {
        return new EventCounters(modelVersion.counter("predictions"), modelVersion.counter("errors"));
    }
}
