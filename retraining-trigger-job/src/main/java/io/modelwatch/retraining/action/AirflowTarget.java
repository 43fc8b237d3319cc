package io.modelwatch.retraining.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.retraining.decision.Decision;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Triggers a DAG run: Airflow 2 through the stable REST API v1 with basic auth, or Airflow 3 through
 * the public API v2 with a JWT from {@code /auth/token}. The run id is the decision's idempotency key,
 * so a replay gets 409, which counts as {@link DeliveryOutcome#DUPLICATE}.
 */
public final class AirflowTarget implements RetrainingTarget {
    /** Keys of the decision in {@code conf}; a configured {@code conf} may not redefine them. */
    public static final Set<String> DECISION_KEYS = Set.of("model", "model_version", "rule", "severity",
            "window_start", "window_end", "metrics", "idempotency_key");
    /** Width of the spread of v1 logical dates after the window end (see {@link #logicalDate}). */
    static final Duration LOGICAL_DATE_SPREAD = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Api { V1, V2 }

    /**
     * @param baseUrl the webserver / API server, without a trailing slash
     * @param extraConf merged into the run's {@code conf} next to the decision
     */
    public record Config(URI baseUrl, String dagId, Api api, Secret username, Secret password,
            Map<String, Object> extraConf) {
        public Config {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(dagId, "dagId");
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            extraConf = Map.copyOf(extraConf);
        }

        @Override
        public String toString() {
            return "Config[baseUrl=" + RedactedUrl.of(baseUrl) + ", dagId=" + dagId + ", api=" + api + ", username="
                    + username + ", password=" + password + ", extraConf=" + extraConf + "]";
        }
    }

    private final Config config;
    private final HttpExchange http;
    private volatile String accessToken;

    AirflowTarget(Config config, HttpExchange http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public DeliveryResult deliver(Decision decision) {
        try {
            HttpExchange.Reply response = config.api() == Api.V1 ? triggerWithBasicAuth(decision)
                    : triggerWithToken(decision);
            return response.status() == 409
                    ? DeliveryResult.duplicate(409, "DAG run " + decision.idempotencyKey() + " already exists")
                    : http.classify(response);
        } catch (DeliveryFailure failure) {
            return failure.result();
        }
    }

    @Override
    public OutgoingRequest preview(Decision decision) {
        return dagRun(decision, (config.api() == Api.V1 ? "Basic " : "Bearer ") + Secret.MASK);
    }

    private HttpExchange.Reply triggerWithToken(Decision decision) throws DeliveryFailure {
        String token = accessToken;
        if (token == null) {
            token = fetchToken();
        }
        HttpExchange.Reply response = http.send(dagRun(decision, "Bearer " + token), token);
        if (response.status() == 401) {
            // The JWT expired (or the server restarted with a new key): one fresh token, one more try.
            String fresh = fetchToken();
            response = http.send(dagRun(decision, "Bearer " + fresh), fresh);
        }
        return response;
    }

    private String fetchToken() throws DeliveryFailure {
        String username = config.username().reveal();
        String password = config.password().reveal();
        ObjectNode credentials = JsonNodeFactory.instance.objectNode()
                .put("username", username)
                .put("password", password);
        // The credentials travel in the body, where no header rule finds them: name them for redaction.
        HttpExchange.Reply response = http.send(OutgoingRequest.postJson(config.baseUrl() + "/auth/token",
                credentials.toString(), "Accept", "application/json"), username, password);
        if (response.status() / 100 != 2) {
            DeliveryResult failed = http.classify(response);
            throw new DeliveryFailure(new DeliveryResult(failed.outcome(), failed.status(), failed.retryAfter(),
                    "token request failed: " + failed.detail()));
        }
        try {
            JsonNode token = JSON.readTree(response.body()).path("access_token");
            if (!token.isTextual() || token.asText().isEmpty()) {
                throw DeliveryFailure.permanent("token response has no access_token");
            }
            accessToken = token.asText();
            return accessToken;
        } catch (IOException e) {
            throw DeliveryFailure.permanent("token response is not JSON");
        }
    }

    private HttpExchange.Reply triggerWithBasicAuth(Decision decision) throws DeliveryFailure {
        String username = config.username().reveal();
        String password = config.password().reveal();
        String pair = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(dagRun(decision, "Basic " + pair), username, password);
    }

    private OutgoingRequest dagRun(Decision decision, String authorization) {
        String url = config.baseUrl() + "/api/" + (config.api() == Api.V1 ? "v1" : "v2")
                + "/dags/" + config.dagId() + "/dagRuns";
        return OutgoingRequest.postJson(url, body(decision).toString(),
                "Accept", "application/json", "Authorization", authorization);
    }

    private ObjectNode body(Decision decision) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("dag_run_id", decision.idempotencyKey());
        if (config.api() == Api.V1) {
            body.put("logical_date", logicalDate(decision).toString());
        } else {
            // v2 requires the key; null lets Airflow 3 run it now, and dedupe on dag_run_id alone.
            body.putNull("logical_date");
        }
        ObjectNode conf = JSON.valueToTree(config.extraConf());
        conf.setAll(DecisionJson.toNode(decision));
        body.set("conf", conf);
        return body;
    }

    /**
     * Airflow 2 also rejects (409) a second run of a DAG with the same logical date, which would make a
     * different decision on the same window look like a duplicate. So the logical date is the window
     * end plus an offset below {@link #LOGICAL_DATE_SPREAD}, in microseconds (Airflow's precision),
     * taken from a hash of (model, version, rule): stable for a series, distinct across series of one
     * DAG except for a hash collision (about n² / 1.2·10⁸ for n series ending windows together).
     */
    static Instant logicalDate(Decision decision) {
        byte[] hash = sha256(decision.model() + '\u0000' + decision.modelVersion() + '\u0000' + decision.rule());
        long micros = Math.floorMod(ByteBuffer.wrap(hash).getLong(), LOGICAL_DATE_SPREAD.toNanos() / 1000);
        return decision.windowEnd().plusNanos(micros * 1000);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
