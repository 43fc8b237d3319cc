package io.modelwatch.retraining.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.retraining.decision.Decision;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts the decision to any HTTP endpoint, signed per Standard Webhooks v1. The payload (and so its
 * {@code timestamp}, the window end) is the same on every attempt; only {@code webhook-timestamp} and
 * the signature change, as the spec intends for replay protection.
 */
public final class WebhookTarget implements RetrainingTarget {
    public static final String EVENT_TYPE = "modelwatch.retrain.requested";
    private static final String SECRET_PREFIX = "whsec_";

    /** @param secret a {@code whsec_}-prefixed base64 signing secret */
    public record Config(URI url, Secret secret) {
        public Config {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Config[url=" + RedactedUrl.of(url) + ", secret=" + secret + "]";
        }
    }

    private final Config config;
    private final HttpExchange http;
    private final Clock clock;

    WebhookTarget(Config config, HttpExchange http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public DeliveryResult deliver(Decision decision) {
        try {
            String secret = config.secret().reveal();
            byte[] key = signingKey(secret);
            long timestamp = clock.instant().getEpochSecond();
            String body = body(decision);
            String signature = "v1," + sign(key, decision.idempotencyKey(), timestamp, body);
            // The signing secret never travels, but is masked too should anything ever quote it.
            return http.classify(http.send(message(decision, timestamp, body, signature), secret,
                    Base64.getEncoder().encodeToString(key)));
        } catch (DeliveryFailure failure) {
            return failure.result();
        }
    }

    @Override
    public OutgoingRequest preview(Decision decision) {
        return message(decision, clock.instant().getEpochSecond(), body(decision), "v1," + Secret.MASK);
    }

    private OutgoingRequest message(Decision decision, long timestamp, String body, String signature) {
        return OutgoingRequest.postJson(config.url().toString(), body,
                "webhook-id", decision.idempotencyKey(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signature);
    }

    private static String body(Decision decision) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", EVENT_TYPE);
        body.put("timestamp", decision.windowEnd().toString());
        body.set("data", DecisionJson.toNode(decision));
        return body.toString();
    }

    /** The HMAC key: the base64-decoded part of the secret after {@code whsec_}. */
    static byte[] signingKey(String secret) throws DeliveryFailure {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length == 0) {
                throw new IllegalArgumentException();
            }
            return key;
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: a piece of the secret.
            throw DeliveryFailure.permanent("webhook secret is not whsec_ followed by base64");
        }
    }

    /** Base64 of HMAC-SHA256 over "{id}.{timestamp}.{body}". */
    static String sign(byte[] key, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }
}
