package io.modelwatch.retraining.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule fired for one window report of one model version: what the actions deliver.
 *
 * @param metrics the report metrics that made the rule's condition true (name → value)
 * @param actions names of the actions to run, in the rule's order
 * @param idempotencyKey see {@link IdempotencyKey}; the same on every retry and replay
 */
public record Decision(
        String model,
        String modelVersion,
        String rule,
        Severity severity,
        Instant windowStart,
        Instant windowEnd,
        Map<String, Double> metrics,
        List<String> actions,
        String idempotencyKey) {

    public Decision {
        metrics = Map.copyOf(metrics);
        actions = List.copyOf(actions);
    }

    public static Decision of(String model, String modelVersion, String rule, Severity severity,
            Instant windowStart, Instant windowEnd, Map<String, Double> metrics, List<String> actions) {
        return new Decision(model, modelVersion, rule, severity, windowStart, windowEnd, metrics, actions,
                IdempotencyKey.of(model, modelVersion, rule, windowEnd));
    }
}
