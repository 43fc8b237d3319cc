package io.modelwatch.cli.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON-lines file of retraining decisions, in either of the two shapes ModelWatch writes them:
 * <ul>
 *   <li>{@code modelwatch trigger}'s output: {@code {"model", "model_version", "rule", "severity",
 *       "window_end", "actions", "idempotency_key"}};</li>
 *   <li>the trigger job's audit records ({@code retraining-events}): {@code "kind": "decision"} with
 *       {@code window_start} and {@code metrics} as well, and {@code "kind": "delivery"}, whose outcome
 *       is attached to the decision of the same idempotency key.</li>
 * </ul>
 * Records of one key are one decision (a file may hold both shapes, or a replay). Blank lines are
 * skipped; any other line that is not a decision ends the reading with a one-line error naming the
 * file, the line and the field.
 */
final class DecisionsFile {
    static final String DECISION = "decision";
    static final String DELIVERY = "delivery";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DecisionsFile() {}

    /** The decisions in the order their first record appears. */
    static List<TimelineDecision> read(Path file) {
        Map<String, TimelineDecision> byKey = new LinkedHashMap<>();
        try (BufferedReader reader = WindowReportsFile.open(file)) {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    add(byKey, MAPPER.readTree(line));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": $: malformed JSON: "
                            + WindowReportsFile.oneLine(e.getOriginalMessage()));
                } catch (BadField e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(byKey.values());
    }

    private static void add(Map<String, TimelineDecision> byKey, JsonNode node) throws BadField {
        if (!node.isObject()) {
            throw new BadField("$", "expected a JSON object");
        }
        String kind = optionalText(node, "kind");
        if (kind != null && !kind.equals(DECISION) && !kind.equals(DELIVERY)) {
            throw new BadField("kind", "expected decision or delivery, got '" + kind + "'");
        }
        TimelineDecision decision = new TimelineDecision(text(node, "model"), text(node, "model_version"),
                text(node, "rule"), optionalText(node, "severity"), optionalInstant(node, "window_start"),
                instant(node, "window_end"), DELIVERY.equals(kind) ? null : metrics(node), actions(node),
                text(node, "idempotency_key"), List.of());
        TimelineDecision known = byKey.get(decision.idempotencyKey());
        TimelineDecision merged = known == null ? decision : known.completedBy(decision);
        if (DELIVERY.equals(kind)) {
            merged = merged.withDelivery(new TimelineDecision.Delivery(text(node, "action"),
                    optionalText(node, "target_type"), optionalText(node, "outcome"), optionalInt(node, "attempts"),
                    optionalInt(node, "status"), optionalText(node, "detail")));
        }
        byKey.put(decision.idempotencyKey(), merged);
    }

    private static String text(JsonNode node, String field) throws BadField {
        String text = optionalText(node, field);
        if (text == null) {
            throw new BadField(field, "is required");
        }
        return text;
    }

    private static String optionalText(JsonNode node, String field) throws BadField {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadField(field, "expected a string, got " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return value.textValue();
    }

    private static Integer optionalInt(JsonNode node, String field) throws BadField {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new BadField(field, "expected a whole number, got " + value);
        }
        return value.intValue();
    }

    private static Instant instant(JsonNode node, String field) throws BadField {
        Instant instant = optionalInstant(node, field);
        if (instant == null) {
            throw new BadField(field, "is required");
        }
        return instant;
    }

    private static Instant optionalInstant(JsonNode node, String field) throws BadField {
        String text = optionalText(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadField(field, "expected an ISO-8601 instant such as 2026-11-28T03:00:00Z, got '" + text + "'");
        }
    }

    private static List<String> actions(JsonNode node) throws BadField {
        JsonNode value = node.get("actions");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new BadField("actions", "expected an array of action names");
        }
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new BadField("actions[" + i + "]", "expected a string");
            }
            actions.add(value.get(i).textValue());
        }
        return actions;
    }

    private static Map<String, Double> metrics(JsonNode node) throws BadField {
        JsonNode value = node.get("metrics");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new BadField("metrics", "expected an object of metric values");
        }
        Map<String, Double> metrics = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = fields.next();
            if (!metric.getValue().isNumber()) {
                throw new BadField("metrics." + metric.getKey(), "expected a number");
            }
            metrics.put(metric.getKey(), metric.getValue().doubleValue());
        }
        return metrics;
    }

    /** A field that is missing or of the wrong kind: {@code field: reason}, as window reports name theirs. */
    private static final class BadField extends Exception {
        BadField(String field, String reason) {
            super(field + ": " + reason, null, false, false);
        }
    }
}
