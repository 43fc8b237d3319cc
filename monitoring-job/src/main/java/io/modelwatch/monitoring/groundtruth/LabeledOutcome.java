package io.modelwatch.monitoring.groundtruth;

import io.modelwatch.common.event.PredictionEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * A prediction joined with its ground truth.
 *
 * @param labelTime when the label became known: the label event's time, or the prediction's
 *     time for inline {@code actual}; the window that reports this outcome is the one holding it
 */
public record LabeledOutcome(
        String predictionId,
        String model,
        String modelVersion,
        String prediction,
        String actual,
        Instant predictionTime,
        Instant labelTime) {

    /** The outcome of a prediction that carried its own {@code actual}: labeled when it was made. */
    public static LabeledOutcome inline(PredictionEvent event) {
        return new LabeledOutcome(event.predictionId(), event.model(), event.modelVersion(), event.prediction(),
                event.actual(), event.timestamp(), event.timestamp());
    }

    /** The inline outcome of a served prediction that carries its own {@code actual}; empty otherwise. */
    public static Optional<LabeledOutcome> ofInlineActual(PredictionEvent event) {
        return event.isError() || event.actual() == null ? Optional.empty() : Optional.of(inline(event));
    }

    /** 1 when the prediction was wrong: the input of the concept-drift detectors. */
    public int error() {
        return prediction.equals(actual) ? 0 : 1;
    }
}
