package io.modelwatch.monitoring.groundtruth;

import io.modelwatch.common.report.ConceptDrift;
import java.time.Instant;

/**
 * A concept-drift detector of one model version changed state.
 *
 * @param since label time of the outcome that moved the detector into {@code state}; null while it never changed
 */
public record ConceptDriftStatus(String model, String modelVersion, String detector, String state, Instant since) {

    public ConceptDrift toReport() {
        return new ConceptDrift(detector, state, since);
    }
}
