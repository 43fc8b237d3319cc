package io.modelwatch.common.event;

import java.time.Instant;
import java.util.Map;

/**
 * One prediction served by a model (docs/ARCHITECTURE.md section 2).
 *
 * @param modelVersion {@value #UNKNOWN_VERSION} when the event did not say
 * @param prediction the predicted class label or the regressor's number as text; null only when {@code error} is set
 * @param probabilities class label → score, or null
 * @param actual inline ground truth, or null
 * @param latencyMs null when not reported
 * @param error null unless serving failed; such events count toward the error rate only
 */
public record PredictionEvent(
        String predictionId,
        String model,
        String modelVersion,
        Instant timestamp,
        Map<String, FeatureValue> features,
        String prediction,
        Map<String, Double> probabilities,
        String actual,
        Double latencyMs,
        String error) {

    public static final String UNKNOWN_VERSION = "unknown";

    public boolean isError() {
        return error != null;
    }
}
