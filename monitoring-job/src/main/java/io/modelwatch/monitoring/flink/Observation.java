package io.modelwatch.monitoring.flink;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;

/**
 * What the partial windows aggregate: a prediction event, or a labeled outcome. Exactly one of the
 * two is set.
 */
public record Observation(PredictionEvent prediction, LabeledOutcome outcome) {

    public static Observation of(PredictionEvent prediction) {
        return new Observation(prediction, null);
    }

    public static Observation of(LabeledOutcome outcome) {
        return new Observation(null, outcome);
    }

    public boolean isPrediction() {
        return prediction != null;
    }

    public String model() {
        return isPrediction() ? prediction.model() : outcome.model();
    }

    public String modelVersion() {
        return isPrediction() ? prediction.modelVersion() : outcome.modelVersion();
    }

    public String predictionId() {
        return isPrediction() ? prediction.predictionId() : outcome.predictionId();
    }

    /**
     * The event time that picks the window, in epoch milliseconds: a prediction's timestamp, or when
     * an outcome's label became known. A label stamped before its own prediction counts from the
     * prediction, so this is never earlier than the record's timestamp, which is the time of
     * whichever of the two completed the match.
     */
    public long time() {
        if (isPrediction()) {
            return prediction.timestamp().toEpochMilli();
        }
        return Math.max(outcome.labelTime().toEpochMilli(), outcome.predictionTime().toEpochMilli());
    }
}
