package io.modelwatch.retraining.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.retraining.decision.Decision;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Dispatches a GitHub Actions workflow ({@code workflow_dispatch}). The API does not deduplicate, so the
 * idempotency key travels in the inputs for the workflow to check. The workflow must declare every
 * input sent: idempotency_key, model, model_version, rule, severity, window_start, window_end and
 * metrics (a JSON object as a string), or GitHub answers 422.
 */
public final class GitHubTarget implements RetrainingTarget {
    public static final String DEFAULT_API_URL = "https://api.github.com";
    static final String API_VERSION = "2022-11-28";

    /** @param workflow the workflow file name (e.g. retrain.yml) or its numeric id */
    public record Config(URI apiUrl, String owner, String repository, String workflow, String ref, Secret token) {
        public Config {
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Config[apiUrl=" + RedactedUrl.of(apiUrl) + ", owner=" + owner + ", repository=" + repository
                    + ", workflow=" + workflow + ", ref=" + ref + ", token=" + token + "]";
        }
    }

    private final Config config;
    private final HttpExchange http;
    private final Clock clock;

    GitHubTarget(Config config, HttpExchange http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public DeliveryResult deliver(Decision decision) {
        try {
            String token = config.token().reveal();
            HttpExchange.Reply response = http.send(dispatch(decision, "Bearer " + token), token);
            int status = response.status();
            Optional<Duration> wait = rateLimitWait(response);
            // GitHub signals rate limits with 403 as well as 429; a 403 without them is a missing permission.
            if ((status == 403 || status == 429) && wait.isPresent()) {
                return DeliveryResult.retryable(status, wait, "rate limited: " + response.describe());
            }
            return http.classify(response);
        } catch (DeliveryFailure failure) {
            return failure.result();
        }
    }

    @Override
    public OutgoingRequest preview(Decision decision) {
        return dispatch(decision, "Bearer " + Secret.MASK);
    }

    private Optional<Duration> rateLimitWait(HttpExchange.Reply response) {
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("retry-after"), clock);
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        boolean exhausted = response.headers().firstValue("x-ratelimit-remaining").map("0"::equals).orElse(false);
        return exhausted
                ? RetryAfter.untilEpochSecond(response.headers().firstValue("x-ratelimit-reset"), clock)
                : Optional.empty();
    }

    private OutgoingRequest dispatch(Decision decision, String authorization) {
        ObjectNode json = DecisionJson.toNode(decision);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ref", config.ref());
        ObjectNode inputs = body.putObject("inputs");
        for (String key : new String[] {"idempotency_key", "model", "model_version", "rule", "severity",
                "window_start", "window_end"}) {
            inputs.put(key, json.get(key).asText());
        }
        // Workflow inputs are strings: the metrics go as JSON text (fromJSON() in the workflow reads them).
        inputs.put("metrics", json.get("metrics").toString());
        String url = config.apiUrl() + "/repos/" + config.owner() + "/" + config.repository()
                + "/actions/workflows/" + config.workflow() + "/dispatches";
        return OutgoingRequest.postJson(url, body.toString(),
                "Accept", "application/vnd.github+json",
                "Authorization", authorization,
                "X-GitHub-Api-Version", API_VERSION);
    }
}
