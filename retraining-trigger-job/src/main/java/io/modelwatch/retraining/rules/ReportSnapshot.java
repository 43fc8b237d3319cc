package io.modelwatch.retraining.rules;

import java.time.Instant;
import java.util.Objects;

/** What the rules see of one window report: whose it is, its window, and its metrics. */
public record ReportSnapshot(String model, String modelVersion, Instant windowStart, Instant windowEnd,
        MetricLookup metrics) {
    public ReportSnapshot {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(metrics, "metrics");
    }
}
