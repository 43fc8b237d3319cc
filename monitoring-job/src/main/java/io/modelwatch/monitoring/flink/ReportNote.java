package io.modelwatch.monitoring.flink;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.groundtruth.ConceptDriftStatus;

/**
 * What a model version's reports need to know besides its windows' partials: one event that came
 * past its window's allowed lateness, or a new concept-drift status (then {@code conceptDrift} is set).
 */
public record ReportNote(String model, String modelVersion, ConceptDriftStatus conceptDrift) {

    public static ReportNote lateEvent(PredictionEvent event) {
        return new ReportNote(event.model(), event.modelVersion(), null);
    }

    public static ReportNote of(ConceptDriftStatus status) {
        return new ReportNote(status.model(), status.modelVersion(), status);
    }

    public boolean isLateEvent() {
        return conceptDrift == null;
    }
}
