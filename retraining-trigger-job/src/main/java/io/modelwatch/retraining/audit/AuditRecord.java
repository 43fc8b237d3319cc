package io.modelwatch.retraining.audit;

import io.modelwatch.retraining.decision.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One record of the audit topic {@code retraining-events} (DESIGN section 5), written by
 * {@link AuditCodec}.
 *
 * @param kind {@value #DECISION}: a rule fired
 * @param severity info, warning or critical
 * @param metrics the report metrics that made the rule's condition true, by name
 */
public record AuditRecord(
        String kind,
        String idempotencyKey,
        String model,
        String modelVersion,
        String rule,
        String severity,
        Instant windowStart,
        Instant windowEnd,
        List<String> actions,
        Map<String, Double> metrics) {

    public static final String DECISION = "decision";

    public static AuditRecord decision(Decision decision) {
        return new AuditRecord(DECISION, decision.idempotencyKey(), decision.model(), decision.modelVersion(),
                decision.rule(), decision.severity().wireName(), decision.windowStart(), decision.windowEnd(),
                decision.actions(), new TreeMap<>(decision.metrics()));
    }
}
