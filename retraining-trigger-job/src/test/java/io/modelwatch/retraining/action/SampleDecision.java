package io.modelwatch.retraining.action;

import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The decision the target tests deliver: critical drift on credit-default v3. */
final class SampleDecision {
    static final Instant WINDOW_START = Instant.parse("2026-11-28T03:00:00Z");
    static final Instant WINDOW_END = Instant.parse("2026-11-28T03:05:00Z");

    private SampleDecision() {}

    static Decision critical() {
        return Decision.of("credit-default", "v3", "critical-drift", Severity.CRITICAL, WINDOW_START, WINDOW_END,
                Map.of("max_psi", 0.23, "drift_share", 0.4), List.of("retrain", "ml-alerts"));
    }

    static Decision withRule(String rule, Severity severity) {
        return Decision.of("credit-default", "v3", rule, severity, WINDOW_START, WINDOW_END,
                Map.of("accuracy", 0.81), List.of("retrain"));
    }
}
