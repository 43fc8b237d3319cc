package io.modelwatch.retraining.action;

import static io.modelwatch.retraining.action.TestTargets.json;
import static io.modelwatch.retraining.action.TestTargets.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.retraining.decision.Decision;
import java.net.ServerSocket;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class StepFunctionsTargetTest {
    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:retrain";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private RetrainingTarget target(String endpoint) {
        return TestTargets.factory(Map.of()).create("sfn", "stepfunctions",
                Map.of("state_machine_arn", ARN, "region", "eu-west-1", "endpoint_url", endpoint, "timeout", "2s"));
    }

    private RetrainingTarget target() {
        return target(server.url("/").toString());
    }

    private static MockResponse awsError(String type) {
        return response(400, "{\"__type\": \"" + type + "\", \"message\": \"test\"}", "Content-Type", JSON_1_0);
    }

    @Test
    void startsASignedExecutionNamedByTheIdempotencyKeyWithTheDecisionAsInput() throws Exception {
        Decision decision = SampleDecision.critical();
        server.enqueue(response(200, "{\"executionArn\": \"arn:aws:states:eu-west-1:123456789012:execution:retrain:x\","
                + " \"startDate\": 1.7945E9}", "Content-Type", JSON_1_0));

        DeliveryResult result;
        try (RetrainingTarget target = target()) {
            result = target.deliver(decision);
        }

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.status()).isEqualTo(200);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/");
        assertThat(request.getHeaders().get("X-Amz-Target")).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo(JSON_1_0);
        assertThat(request.getHeaders().get("X-Amz-Date")).isNotBlank();
        assertThat(request.getHeaders().get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + TestTargets.AWS_ACCESS_KEY + "/")
                .contains("/eu-west-1/states/aws4_request", "SignedHeaders=", "Signature=")
                .doesNotContain(TestTargets.AWS_SECRET_KEY);
        JsonNode body = json(request);
        assertThat(body.get("stateMachineArn").asText()).isEqualTo(ARN);
        assertThat(body.get("name").asText()).isEqualTo(decision.idempotencyKey());
        assertThat(body.get("input").isTextual()).isTrue();
        assertThat(json(body.get("input").asText())).isEqualTo(json(DecisionJson.toJson(decision)));
    }

    @Test
    void thePreviewShowsTheSameBodyAndTheProtocolHeaders() throws Exception {
        Decision decision = SampleDecision.critical();
        server.enqueue(response(200, "{\"executionArn\": \"a\", \"startDate\": 1.7945E9}", "Content-Type", JSON_1_0));
        try (RetrainingTarget target = target()) {
            OutgoingRequest preview = target.preview(decision);
            target.deliver(decision);
            assertThat(json(preview.body())).isEqualTo(json(server.takeRequest()));
            assertThat(preview.headers()).containsEntry("X-Amz-Target", "AWSStepFunctions.StartExecution")
                    .containsEntry("Content-Type", JSON_1_0)
                    .containsEntry("Authorization", "AWS4-HMAC-SHA256 ****");
        }
    }

    @Test
    void anExistingExecutionIsADuplicate() {
        server.enqueue(awsError("ExecutionAlreadyExists"));
        assertThat(target().deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.DUPLICATE);
    }

    @Test
    void throttlingTheExecutionLimitAndServerErrorsAreRetryable() {
        server.enqueue(awsError("ThrottlingException"));
        server.enqueue(awsError("ExecutionLimitExceeded"));
        server.enqueue(response(500, "{\"__type\": \"InternalFailure\"}", "Content-Type", JSON_1_0));
        try (RetrainingTarget target = target()) {
            for (int i = 0; i < 3; i++) {
                DeliveryResult result = target.deliver(SampleDecision.critical());
                assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.RETRYABLE);
            }
        }
        assertThat(server.getRequestCount()).as("no retries inside the SDK").isEqualTo(3);
    }

    @Test
    void aMissingStateMachineIsPermanent() {
        server.enqueue(awsError("StateMachineDoesNotExist"));
        DeliveryResult result = target().deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.detail()).contains("StateMachineDoesNotExist");
    }

    @Test
    void anUnreachableEndpointIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryResult result = target("http://127.0.0.1:" + closedPort).deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(result.status()).isEqualTo(DeliveryResult.NO_STATUS);
    }
}
