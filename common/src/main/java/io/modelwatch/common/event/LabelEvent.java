package io.modelwatch.common.event;

import java.time.Instant;

/**
 * Ground truth that arrived after the prediction (topic {@code labels}, docs/ARCHITECTURE.md section 2).
 *
 * @param model null when the label source does not know it; the join takes it from the prediction
 * @param timestamp when the label became known
 */
public record LabelEvent(String predictionId, String model, String actual, Instant timestamp) {}
