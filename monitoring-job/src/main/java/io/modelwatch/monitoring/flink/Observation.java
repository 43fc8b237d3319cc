package io.modelwatch.monitoring.flink;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ProfileUpdate;

/**
 * What the partial windows take in: a prediction event (with the record it was read from, for a
 * dead letter), a labeled outcome, or a profile update, which travels in the same channel as the
 * events so that the window step sees it in order with them. Exactly one of the three is set.
 */
public record Observation(PredictionEvent prediction, IncomingEvent origin, LabeledOutcome outcome,
        ProfileUpdate profile) {

    public static Observation of(IncomingEvent record) {
        return new Observation(record.event(), record, null, null);
    }

    public static Observation of(LabeledOutcome outcome) {
        return new Observation(null, null, outcome, null);
    }

    public static Observation of(ProfileUpdate profile) {
        return new Observation(null, null, null, profile);
    }

    public boolean isPrediction() {
        return prediction != null;
    }

    public boolean isProfile() {
        return profile != null;
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
