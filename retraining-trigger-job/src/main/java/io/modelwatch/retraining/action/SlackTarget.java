package io.modelwatch.retraining.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.retraining.decision.Decision;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Posts a message to a Slack incoming webhook. The webhook URL is the credential, so it is a
 * {@link Secret}: previews show {@value Secret#MASK} for it and failures never quote it.
 */
public final class SlackTarget implements RetrainingTarget {

    public record Config(Secret webhookUrl) {
        public Config {
            Objects.requireNonNull(webhookUrl, "webhookUrl");
        }
    }

    private final Config config;
    private final HttpExchange http;

    SlackTarget(Config config, HttpExchange http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public DeliveryResult deliver(Decision decision) {
        try {
            String url = config.webhookUrl().reveal();
            // The URL is the credential: an echo of the request line quotes its path.
            return http.classify(http.send(message(decision, url), url));
        } catch (DeliveryFailure failure) {
            return failure.result();
        }
    }

    @Override
    public OutgoingRequest preview(Decision decision) {
        return message(decision, Secret.MASK);
    }

    private static OutgoingRequest message(Decision decision, String url) {
        String subject = decision.model() + " " + decision.modelVersion() + ": rule " + decision.rule() + " fired";
        String window = decision.windowStart() + " – " + decision.windowEnd();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("text", "[" + decision.severity().wireName() + "] " + subject + " (window " + window + ")");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("color", color(decision));
        attachment.put("title", "Retraining requested: " + decision.model() + " " + decision.modelVersion());
        attachment.put("text", "Rule *" + decision.rule() + "* (" + decision.severity().wireName() + ") on window "
                + window);
        ArrayNode fields = attachment.putArray("fields");
        for (Map.Entry<String, Double> metric : new TreeMap<>(decision.metrics()).entrySet()) {
            field(fields, metric.getKey(), String.valueOf(metric.getValue()), true);
        }
        field(fields, "idempotency_key", decision.idempotencyKey(), false);
        return OutgoingRequest.postJson(url, body.toString());
    }

    private static void field(ArrayNode fields, String title, String value, boolean isShort) {
        fields.addObject().put("title", title).put("value", value).put("short", isShort);
    }

    private static String color(Decision decision) {
        return switch (decision.severity()) {
            case CRITICAL -> "danger";
            case WARNING -> "warning";
            case INFO -> "good";
        };
    }
}
