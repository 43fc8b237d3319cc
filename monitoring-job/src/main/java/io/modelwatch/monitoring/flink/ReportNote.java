package io.modelwatch.monitoring.flink;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.groundtruth.ConceptDriftStatus;
import io.modelwatch.monitoring.reference.ProfileUpdate;

/**
 * What a model version's reports need to know besides its windows' partials: events that came
 * past their window's allowed lateness ({@code lateEvents}), a new concept-drift status (then
 * {@code conceptDrift} is set), or a new reference profile (then {@code profile} is set).
 */
public record ReportNote(String model, String modelVersion, long lateEvents, ConceptDriftStatus conceptDrift,
        ProfileUpdate profile) {

    public static ReportNote lateEvent(PredictionEvent event) {
        return lateEvents(event.model(), event.modelVersion(), 1);
    }

    public static ReportNote lateEvents(String model, String modelVersion, long count) {
        return new ReportNote(model, modelVersion, count, null, null);
    }

    public static ReportNote of(ConceptDriftStatus status) {
        return new ReportNote(status.model(), status.modelVersion(), 0, status, null);
    }

    public static ReportNote of(ProfileUpdate profile) {
        return new ReportNote(profile.model(), profile.modelVersion(), 0, null, profile);
    }

    public boolean isLateEvents() {
        return conceptDrift == null && profile == null;
    }

    public boolean isProfile() {
        return profile != null;
    }
}
