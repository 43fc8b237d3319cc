package io.modelwatch.monitoring.groundtruth;

import java.time.Instant;

/** What the label join keeps of a prediction while it waits for its label. */
public record PendingPrediction(String model, String modelVersion, String prediction, Instant predictionTime) {}
