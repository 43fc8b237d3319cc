package io.modelwatch.retraining.audit;

import io.modelwatch.retraining.action.DeliveryResult;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.delivery.CompletedDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One record of the audit topic {@code retraining-events} (docs/ARCHITECTURE.md section 5), written by
 * {@link AuditCodec}, which leaves out the fields that are null. Both kinds carry the decision's
 * key, model, version, rule, severity and window.
 *
 * @param kind {@value #DECISION}: a rule fired, with {@code actions} and {@code metrics};
 *     {@value #DELIVERY}: the final outcome of delivering a decision to one action, with
 *     {@code action} … {@code detail}
 * @param severity info, warning or critical
 * @param metrics the report metrics that made the rule's condition true, by name
 * @param outcome a {@link io.modelwatch.retraining.delivery.FinalOutcome}'s wire name
 * @param status the last answer's HTTP status or SMTP code; null when no answer came
 * @param detail the last attempt's secret-free explanation
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
        Map<String, Double> metrics,
        String action,
        String targetType,
        String outcome,
        Integer attempts,
        Integer status,
        String detail) {

    public static final String DECISION = "decision";
    public static final String DELIVERY = "delivery";

    public static AuditRecord decision(Decision decision) {
        return new AuditRecord(DECISION, decision.idempotencyKey(), decision.model(), decision.modelVersion(),
                decision.rule(), decision.severity().wireName(), decision.windowStart(), decision.windowEnd(),
                decision.actions(), new TreeMap<>(decision.metrics()), null, null, null, null, null, null);
    }

    public static AuditRecord delivery(CompletedDelivery delivery) {
        Decision decision = delivery.decision();
        return new AuditRecord(DELIVERY, decision.idempotencyKey(), decision.model(), decision.modelVersion(),
                decision.rule(), decision.severity().wireName(), decision.windowStart(), decision.windowEnd(),
                null, null, delivery.action(), delivery.targetType(), delivery.outcome().wireName(),
                delivery.attempts(), delivery.status() == DeliveryResult.NO_STATUS ? null : delivery.status(),
                delivery.detail());
    }
}
