package io.modelwatch.monitoring.groundtruth;

import io.modelwatch.common.event.PredictionEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Accuracy estimated without labels (confidence-based performance estimation): the mean
 * probability the model gave its own predicted class. The estimate equals the expected accuracy
 * when the scores are calibrated — a class predicted with 0.8 is right 80 % of the time. It drifts
 * from the true accuracy when calibration breaks (the relation between features and labels
 * changed), which is exactly when the measured accuracy, once labels arrive, tells the truth.
 * Mergeable.
 */
public final class EstimatedAccuracy {
    private long scored;
    private double confidenceSum;

    /** Counts an event whose probabilities include its predicted class; others are skipped. */
    public void add(PredictionEvent event) {
        Map<String, Double> probabilities = event.probabilities();
        if (event.isError() || probabilities == null) {
            return;
        }
        Double confidence = probabilities.get(event.prediction());
        if (confidence != null) {
            scored++;
            confidenceSum += confidence;
        }
    }

    public void merge(EstimatedAccuracy other) {
        scored += other.scored;
        confidenceSum += other.confidenceSum;
    }

    /** Null when no event carried probabilities for its prediction. */
    public Double value() {
        return scored == 0 ? null : confidenceSum / scored;
    }

    public long scored() {
        return scored;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(scored);
        out.writeDouble(confidenceSum);
    }

    public static EstimatedAccuracy readFrom(DataInput in) throws IOException {
        EstimatedAccuracy estimate = new EstimatedAccuracy();
        estimate.scored = in.readLong();
        estimate.confidenceSum = in.readDouble();
        return estimate;
    }
}
