package io.modelwatch.retraining.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.retraining.decision.Decision;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decision as every target sends it: snake_case keys, ISO-8601 instants, metrics sorted by name
 * (a non-finite metric becomes null, as JSON has no NaN).
 */
public final class DecisionJson {
    private DecisionJson() {}

    public static ObjectNode toNode(Decision decision) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("model", decision.model());
        node.put("model_version", decision.modelVersion());
        node.put("rule", decision.rule());
        node.put("severity", decision.severity().wireName());
        node.put("window_start", decision.windowStart().toString());
        node.put("window_end", decision.windowEnd().toString());
        ObjectNode metrics = node.putObject("metrics");
        for (Map.Entry<String, Double> metric : new TreeMap<>(decision.metrics()).entrySet()) {
            double value = metric.getValue();
            if (Double.isFinite(value)) {
                metrics.put(metric.getKey(), value);
            } else {
                metrics.putNull(metric.getKey());
            }
        }
        node.put("idempotency_key", decision.idempotencyKey());
        return node;
    }

    /** Compact JSON text of {@link #toNode}. */
    public static String toJson(Decision decision) {
        // JsonNode.toString() writes standard JSON (Jackson 2.10+), no ObjectMapper needed.
        return toNode(decision).toString();
    }
}
