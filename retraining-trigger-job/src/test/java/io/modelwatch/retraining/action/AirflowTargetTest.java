package io.modelwatch.retraining.action;

import static io.modelwatch.retraining.action.TestTargets.json;
import static io.modelwatch.retraining.action.TestTargets.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class AirflowTargetTest {
    private static final Map<String, String> ENV = Map.of("AIRFLOW_USER", "admin", "AIRFLOW_PASSWORD", "pa55word");
    private static final String DECISION_CONF = """
            {"model": "credit-default", "model_version": "v3", "rule": "critical-drift", "severity": "critical",
             "window_start": "2026-11-28T03:00:00Z", "window_end": "2026-11-28T03:05:00Z",
             "metrics": {"drift_share": 0.4, "max_psi": 0.23}, "idempotency_key": "%s", "pipeline": "full"}
            """;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private RetrainingTarget target(String api, Object... extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("url", server.url("/").toString(), "dag_id", "retrain_model",
                "api", api, "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD",
                "conf", Map.of("pipeline", "full")));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put((String) extra[i], extra[i + 1]);
        }
        return TestTargets.factory(ENV).create("retrain", "airflow", settings);
    }

    @Test
    void v1TriggersTheDagWithBasicAuthTheRunIdAndTheDecisionAsConf() throws Exception {
        Decision decision = SampleDecision.critical();
        server.enqueue(response(200, "{\"dag_run_id\": \"x\", \"state\": \"queued\"}"));

        DeliveryResult result = target("v1").deliver(decision);

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.status()).isEqualTo(200);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/v1/dags/retrain_model/dagRuns");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("admin:pa55word".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        JsonNode body = json(request);
        assertThat(body.fieldNames()).toIterable().containsExactly("dag_run_id", "logical_date", "conf");
        assertThat(body.get("dag_run_id").asText()).isEqualTo(decision.idempotencyKey());
        assertThat(body.get("conf")).isEqualTo(json(DECISION_CONF.formatted(decision.idempotencyKey())));
        Instant logicalDate = Instant.parse(body.get("logical_date").asText());
        assertThat(logicalDate).isBetween(decision.windowEnd(), decision.windowEnd().plus(Duration.ofMinutes(1)));
    }

    @Test
    void v1LogicalDatesAreStablePerDecisionButDifferAcrossRulesOnOneWindow() {
        Decision drift = SampleDecision.withRule("critical-drift", Severity.CRITICAL);
        Decision accuracy = SampleDecision.withRule("accuracy-drop", Severity.CRITICAL);
        assertThat(AirflowTarget.logicalDate(drift)).isEqualTo(AirflowTarget.logicalDate(drift))
                .isNotEqualTo(AirflowTarget.logicalDate(accuracy));
        Decision otherModel = Decision.of("churn", "v1", "critical-drift", Severity.CRITICAL,
                SampleDecision.WINDOW_START, SampleDecision.WINDOW_END, Map.of(), List.of());
        assertThat(AirflowTarget.logicalDate(otherModel)).isNotEqualTo(AirflowTarget.logicalDate(drift));
    }

    @Test
    void anExistingRunIsADuplicate() {
        server.enqueue(response(409, "{\"title\": \"Conflict\", \"status\": 409}"));
        assertThat(target("v1").deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.DUPLICATE);
    }

    @Test
    void aServerErrorIsRetryableAfterTheGivenDelay() {
        server.enqueue(response(503, "busy", "Retry-After", "30"));
        DeliveryResult result = target("v1").deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(result.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aRejectedRequestIsPermanentAndExplained() {
        server.enqueue(response(404, "{\"title\": \"DAG not found\", \"status\": 404}"));
        DeliveryResult result = target("v1").deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.detail()).contains("HTTP 404").contains("DAG not found");
    }

    @Test
    void noAnswerWithinTheTimeoutIsRetryable() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).build());
        DeliveryResult result = target("v1", "timeout", "200ms").deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(result.status()).isEqualTo(DeliveryResult.NO_STATUS);
        assertThat(result.detail()).contains("200 ms");
    }

    @Test
    void v2FetchesATokenThenTriggersWithBearerAndANullLogicalDate() throws Exception {
        Decision decision = SampleDecision.critical();
        server.enqueue(response(201, "{\"access_token\": \"jwt-1\"}"));
        server.enqueue(response(200, "{}"));

        assertThat(target("v2").deliver(decision).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);

        RecordedRequest token = server.takeRequest();
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getTarget()).isEqualTo("/auth/token");
        assertThat(token.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(json(token)).isEqualTo(json("{\"username\": \"admin\", \"password\": \"pa55word\"}"));
        RecordedRequest run = server.takeRequest();
        assertThat(run.getTarget()).isEqualTo("/api/v2/dags/retrain_model/dagRuns");
        assertThat(run.getHeaders().get("Authorization")).isEqualTo("Bearer jwt-1");
        JsonNode body = json(run);
        assertThat(body.fieldNames()).toIterable().containsExactly("dag_run_id", "logical_date", "conf");
        assertThat(body.get("logical_date").isNull()).isTrue();
        assertThat(body.get("dag_run_id").asText()).isEqualTo(decision.idempotencyKey());
        assertThat(body.get("conf")).isEqualTo(json(DECISION_CONF.formatted(decision.idempotencyKey())));
    }

    @Test
    void v2ReusesItsTokenAndFetchesANewOneOnceWhenItIsRejected() throws Exception {
        RetrainingTarget target = target("v2");
        server.enqueue(response(201, "{\"access_token\": \"jwt-1\"}"));
        server.enqueue(response(200, "{}"));
        server.enqueue(response(401, "{\"detail\": \"expired\"}"));
        server.enqueue(response(201, "{\"access_token\": \"jwt-2\"}"));
        server.enqueue(response(200, "{}"));

        assertThat(target.deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(target.deliver(SampleDecision.withRule("accuracy-drop", Severity.WARNING)).outcome())
                .isEqualTo(DeliveryOutcome.DELIVERED);

        List<String> seen = List.of(
                server.takeRequest().getTarget(),
                server.takeRequest().getTarget(),
                server.takeRequest().getHeaders().get("Authorization"),
                server.takeRequest().getTarget(),
                server.takeRequest().getHeaders().get("Authorization"));
        assertThat(seen).containsExactly("/auth/token", "/api/v2/dags/retrain_model/dagRuns", "Bearer jwt-1",
                "/auth/token", "Bearer jwt-2");
    }

    @Test
    void v2TreatsAnExistingRunAsADuplicate() {
        server.enqueue(response(201, "{\"access_token\": \"jwt-1\"}"));
        server.enqueue(response(409, "{\"detail\": \"exists\"}"));
        assertThat(target("v2").deliver(SampleDecision.critical()).outcome()).isEqualTo(DeliveryOutcome.DUPLICATE);
    }

    @Test
    void v2RejectedCredentialsArePermanent() {
        server.enqueue(response(401, "{\"detail\": \"Invalid credentials\"}"));
        DeliveryResult result = target("v2").deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.detail()).startsWith("token request failed: HTTP 401");
    }

    @Test
    void aMissingPasswordIsAPermanentFailureNamingTheVariable() {
        RetrainingTarget target = TestTargets.factory(Map.of("AIRFLOW_USER", "admin")).create("retrain", "airflow",
                Map.of("url", server.url("/").toString(), "dag_id", "retrain_model",
                        "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD"));
        DeliveryResult result = target.deliver(SampleDecision.critical());
        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(result.detail()).contains("environment variable AIRFLOW_PASSWORD");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void thePreviewIsTheRequestWithTheCredentialsMasked() {
        Decision decision = SampleDecision.critical();
        OutgoingRequest preview = target("v1").preview(decision);
        assertThat(preview.method()).isEqualTo("POST");
        assertThat(preview.url()).isEqualTo(server.url("/api/v1/dags/retrain_model/dagRuns").toString());
        assertThat(preview.headers()).containsEntry("Authorization", "Basic ****");
        assertThat(json(preview.body()).get("dag_run_id").asText()).isEqualTo(decision.idempotencyKey());
        assertThat(target("v2").preview(decision).headers()).containsEntry("Authorization", "Bearer ****");
        assertThat(server.getRequestCount()).isZero();
        assertThat(preview.render()).startsWith("POST " + preview.url() + "\nContent-Type: application/json\n"
                + "Accept: application/json\nAuthorization: Basic ****\n\n{\"dag_run_id\":")
                .doesNotContain("pa55word");
    }
}
