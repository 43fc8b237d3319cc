package io.modelwatch.cli.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A retraining decision on the time axis: a line of {@code modelwatch trigger}'s output or a
 * {@code decision} record of the audit topic, with the {@code delivery} records of the same
 * idempotency key attached.
 *
 * @param windowStart null when the source did not say (the trigger command's lines)
 * @param metrics the report metrics that made the rule fire; null when the source did not say
 */
public record TimelineDecision(String model, String modelVersion, String rule, String severity, Instant windowStart,
        Instant windowEnd, Map<String, Double> metrics, List<String> actions, String idempotencyKey,
        List<Delivery> deliveries) {

    /** The final outcome of delivering the decision to one action. */
    public record Delivery(String action, String targetType, String outcome, Integer attempts, Integer status,
            String detail) {}

    public TimelineDecision {
        actions = List.copyOf(actions);
        deliveries = List.copyOf(deliveries);
    }

    /** Why the rule fired, as the demo prints it ({@code max_psi = 0.7712}); null when the metrics are unknown. */
    public String reason() {
        if (metrics == null || metrics.isEmpty()) {
            return null;
        }
        return metrics.entrySet().stream()
                .map(metric -> String.format(Locale.ROOT, "%s = %.4g", metric.getKey(), metric.getValue()))
                .collect(Collectors.joining(", "));
    }

    TimelineDecision withDelivery(Delivery delivery) {
        List<Delivery> all = new ArrayList<>(deliveries);
        all.add(delivery);
        return new TimelineDecision(model, modelVersion, rule, severity, windowStart, windowEnd, metrics, actions,
                idempotencyKey, all);
    }

    /** This decision completed by what another record of the same key knows (its window start, metrics, actions). */
    TimelineDecision completedBy(TimelineDecision other) {
        return new TimelineDecision(model, modelVersion, rule, severity != null ? severity : other.severity,
                windowStart != null ? windowStart : other.windowStart, windowEnd,
                metrics != null ? metrics : other.metrics, actions.isEmpty() ? other.actions : actions,
                idempotencyKey, deliveries);
    }
}
