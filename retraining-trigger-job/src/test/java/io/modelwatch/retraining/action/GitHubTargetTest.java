package io.modelwatch.retraining.action;

import static io.modelwatch.retraining.action.TestTargets.json;
import static io.modelwatch.retraining.action.TestTargets.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.retraining.decision.Decision;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class GitHubTargetTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private RetrainingTarget target() {
        return TestTargets.factory(Map.of("GH_TOKEN", "ghp_testtoken123")).create("gh", "github",
                Map.of("repository", "acme/models", "workflow", "retrain.yml", "ref", "main",
                        "token_env", "GH_TOKEN", "api_url", server.url("/").toString()));
    }

    @Test
    void dispatchesTheWorkflowWithTheDecisionAsStringInputs() throws Exception {
        Decision decision = SampleDecision.critical();
        server.enqueue(response(204, ""));

        DeliveryResult result = target().deliver(decision);

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.status()).isEqualTo(204);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/repos/acme/models/actions/workflows/retrain.yml/dispatches");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer ghp_testtoken123");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(json(request)).isEqualTo(json("""
                {"ref": "main", "inputs": {
                  "idempotency_key": "%s", "model": "credit-default", "model_version": "v3",
                  "rule": "critical-drift", "severity": "critical",
                  "window_start": "2026-11-28T03:00:00Z", "window_end": "2026-11-28T03:05:00Z",
                  "metrics": "{\\"drift_share\\":0.4,\\"max_psi\\":0.23}"}}
                """.formatted(decision.idempotencyKey())));
    }

    @Test
    void aRateLimited403IsRetryableUntilTheReset() {
        long reset = TestTargets.NOW.getEpochSecond() + 120;
        server.enqueue(response(403, "{\"message\": \"API rate limit exceeded\"}",
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset)));
        DeliveryResult result = target().deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(result.retryAfter()).contains(Duration.ofMinutes(2));
    }

    @Test
    void aSecondaryRateLimitHonoursRetryAfter() {
        server.enqueue(response(429, "{\"message\": \"secondary rate limit\"}", "retry-after", "60"));
        DeliveryResult result = target().deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(result.retryAfter()).contains(Duration.ofSeconds(60));
    }

    @Test
    void a403WithoutRateLimitIsAMissingPermissionAndPermanent() {
        server.enqueue(response(403, "{\"message\": \"Resource not accessible by integration\"}",
                "x-ratelimit-remaining", "4999"));
        assertThat(target().deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
    }

    @Test
    void anUnknownWorkflowOrUndeclaredInputIsPermanent() {
        server.enqueue(response(404, "{\"message\": \"Not Found\"}"));
        server.enqueue(response(422, "{\"message\": \"Unexpected inputs provided\"}"));
        assertThat(target().deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        DeliveryResult unprocessable = target().deliver(SampleDecision.critical());
        assertThat(unprocessable.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(unprocessable.detail()).contains("Unexpected inputs");
    }

    @Test
    void thePreviewMasksTheToken() {
        OutgoingRequest preview = target().preview(SampleDecision.critical());
        assertThat(preview.headers()).containsEntry("Authorization", "Bearer ****")
                .containsEntry("X-GitHub-Api-Version", "2022-11-28");
        assertThat(preview.render()).doesNotContain("ghp_testtoken123");
    }
}
