package io.modelwatch.retraining.action;

import static io.modelwatch.retraining.action.TestTargets.json;
import static io.modelwatch.retraining.action.TestTargets.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.retraining.decision.Decision;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class WebhookTargetTest {
    /** Secret, id, timestamp, payload and signature of the "sign function works" test of the Standard Webhooks libraries. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_PAYLOAD = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final byte[] KEY = "modelwatch-test-signing-key".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private RetrainingTarget target(String url) {
        return TestTargets.factory(Map.of("HOOK_SECRET", SECRET)).create("hook", "webhook",
                Map.of("url", url, "secret_env", "HOOK_SECRET"));
    }

    private RetrainingTarget target() {
        return target(server.url("/hooks/modelwatch").toString());
    }

    @Test
    void credentialsInTheUrlGoAsBasicAuthAndNeverIntoTheRequestLine() throws Exception {
        server.enqueue(response(204, ""));
        String url = "http://hook-user:p%40ss@" + server.getHostName() + ":" + server.getPort() + "/hooks/modelwatch";

        assertThat(target(url).deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestLine()).isEqualTo("POST /hooks/modelwatch HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("hook-user:p@ss".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFailureQuotingTheRequestBackHasItsCredentialsMasked() throws Exception {
        String url = "http://hook-user:url-pa55@" + server.getHostName() + ":" + server.getPort() + "/hooks/modelwatch";
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(RecordedRequest request) {
                // A debugging endpoint: the request back, its credentials first.
                return response(400, request.getRequestLine() + "\nAuthorization: "
                        + request.getHeaders().get("Authorization") + "\nwebhook-signature: "
                        + request.getHeaders().get("webhook-signature") + "\n" + TestTargets.body(request));
            }
        });

        DeliveryResult result = target(url).deliver(SampleDecision.critical());

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.detail()).startsWith("HTTP 400: POST /hooks/modelwatch HTTP/1.1 ")
                .contains("Authorization: ****", "webhook-signature: ****")
                .doesNotContain("url-pa55", Base64.getEncoder().encodeToString(
                        "hook-user:url-pa55".getBytes(StandardCharsets.UTF_8)), "\n");
    }

    @Test
    void signingMatchesThePublishedStandardWebhooksExample() throws Exception {
        byte[] key = WebhookTarget.signingKey(SPEC_SECRET);
        assertThat(WebhookTarget.sign(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void postsTheDecisionAsASignedStandardWebhook() throws Exception {
        Decision decision = SampleDecision.critical();
        server.enqueue(response(204, ""));

        assertThat(target().deliver(decision).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/hooks/modelwatch");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        String id = request.getHeaders().get("webhook-id");
        String timestamp = request.getHeaders().get("webhook-timestamp");
        assertThat(id).isEqualTo(decision.idempotencyKey());
        assertThat(timestamp).isEqualTo(Long.toString(TestTargets.NOW.getEpochSecond()));
        String body = TestTargets.body(request);
        assertThat(request.getHeaders().get("webhook-signature")).isEqualTo("v1," + hmac(id + "." + timestamp + "." + body));
        assertThat(json(body)).isEqualTo(json("""
                {"type": "modelwatch.retrain.requested", "timestamp": "2026-11-28T03:05:00Z",
                 "data": %s}""".formatted(DecisionJson.toJson(decision))));
    }

    /** The receiver's side of the check, written from the spec rather than with the code under test. */
    private static String hmac(String signedContent) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.enqueue(response(307, "", "Location", server.url("/elsewhere").toString()));
        DeliveryResult result = target().deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aDisabledEndpointIsPermanent() {
        server.enqueue(response(410, "gone"));
        assertThat(target().deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
    }

    @Test
    void throttlingAndGatewayErrorsAreRetryableWithRetryAfter() {
        for (int status : new int[] {429, 502, 503, 504}) {
            server.enqueue(response(status, "", "Retry-After", "7"));
            DeliveryResult result = target().deliver(SampleDecision.critical());
            assertThat(result.outcome()).as("HTTP %d", status).isEqualTo(DeliveryOutcome.RETRYABLE);
            assertThat(result.status()).isEqualTo(status);
            assertThat(result.retryAfter()).contains(Duration.ofSeconds(7));
        }
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryResult result = target("http://127.0.0.1:" + closedPort + "/hook").deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(result.status()).isEqualTo(DeliveryResult.NO_STATUS);
    }

    @Test
    void aMalformedSecretIsPermanentAndNotQuoted() {
        RetrainingTarget target = TestTargets.factory(Map.of("HOOK_SECRET", "whsec_not*base64!")).create("hook",
                "webhook", Map.of("url", server.url("/").toString(), "secret_env", "HOOK_SECRET"));
        DeliveryResult result = target.deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.detail()).doesNotContain("not*base64").doesNotContain("*");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void thePreviewMasksTheSignature() {
        OutgoingRequest preview = target().preview(SampleDecision.critical());
        assertThat(preview.headers()).containsEntry("webhook-signature", "v1,****")
                .containsEntry("webhook-id", SampleDecision.critical().idempotencyKey());
    }
}
