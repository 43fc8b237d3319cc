package io.modelwatch.retraining.action;

import static io.modelwatch.retraining.action.TestTargets.json;
import static io.modelwatch.retraining.action.TestTargets.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.retraining.decision.Severity;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SlackTargetTest {
    private static final String HOOK_PATH = "/services/T000/B000/XXXXsecretXXXX";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private RetrainingTarget target() {
        return TestTargets.factory(Map.of("SLACK_WEBHOOK_URL", server.url(HOOK_PATH).toString()))
                .create("ml-alerts", "slack", Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"));
    }

    @Test
    void postsATextWithAnAttachmentColouredBySeverity() throws Exception {
        server.enqueue(response(200, "ok"));

        assertThat(target().deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo(HOOK_PATH);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        JsonNode body = json(request);
        assertThat(body.get("text").asText()).contains("critical", "credit-default", "v3", "critical-drift",
                "2026-11-28T03:05:00Z");
        JsonNode attachment = body.get("attachments").get(0);
        assertThat(attachment.get("color").asText()).isEqualTo("danger");
        assertThat(attachment.get("title").asText()).contains("credit-default");
        assertThat(attachment.get("text").asText()).contains("critical-drift", "2026-11-28T03:00:00Z");
        assertThat(attachment.get("fields")).isEqualTo(json("""
                [{"title": "drift_share", "value": "0.4", "short": true},
                 {"title": "max_psi", "value": "0.23", "short": true},
                 {"title": "idempotency_key", "value": "%s", "short": false}]
                """.formatted(SampleDecision.critical().idempotencyKey())));
    }

    @Test
    void colourFollowsSeverity() throws Exception {
        server.enqueue(response(200, "ok"));
        server.enqueue(response(200, "ok"));
        target().deliver(SampleDecision.withRule("r", Severity.WARNING));
        target().deliver(SampleDecision.withRule("r", Severity.INFO));
        assertThat(json(server.takeRequest()).at("/attachments/0/color").asText()).isEqualTo("warning");
        assertThat(json(server.takeRequest()).at("/attachments/0/color").asText()).isEqualTo("good");
    }

    @Test
    void slackErrorsArePermanentExceptRateLimiting() {
        for (int status : new int[] {400, 403, 404, 410}) {
            server.enqueue(response(status, "channel_not_found"));
            assertThat(target().deliver(SampleDecision.critical()).outcome()).as("HTTP %d", status)
                    .isEqualTo(DeliveryOutcome.PERMANENT);
        }
        server.enqueue(response(429, "rate_limited", "Retry-After", "1"));
        DeliveryResult limited = target().deliver(SampleDecision.critical());
        assertThat(limited.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void theWebhookUrlIsMaskedInThePreview() {
        OutgoingRequest preview = target().preview(SampleDecision.critical());
        assertThat(preview.url()).isEqualTo("****");
        assertThat(preview.render()).doesNotContain("XXXXsecretXXXX");
    }
}
