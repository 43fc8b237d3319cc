package io.modelwatch.monitoring.flink;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.groundtruth.ConceptDriftStatus;

/**
 * What a model version's reports need to know besides its windows' partials: events that came
 * past their window's allowed lateness ({@code lateEvents}), or a new concept-drift status (then
 * {@code conceptDrift} is set).
 */
public record ReportNote(String model, String modelVersion, long lateEvents, ConceptDriftStatus conceptDrift) {

    public static ReportNote lateEvent(PredictionEvent event) {
        return lateEvents(event.model(), event.modelVersion(), 1);
    }

    public static ReportNote lateEvents(String model, String modelVersion, long count) {
        return new ReportNote(model, modelVersion, count, null);
    }

    public static ReportNote of(ConceptDriftStatus status) {
        return new ReportNote(status.model(), status.modelVersion(), 0, status);
    }

    public boolean isLateEvents() {
        return conceptDrift == null;
    }
}
