package io.modelwatch.retraining.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.retraining.action.DeliveryResult;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import io.modelwatch.retraining.delivery.CompletedDelivery;
import io.modelwatch.retraining.delivery.FinalOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditCodecTest {

    @Test
    void aDecisionsAuditRecordHasSnakeCaseKeysIsoWindowsAndItsKind() throws Exception {
        Decision decision = Decision.of("credit-default", "v3", "critical-drift", Severity.CRITICAL,
                Instant.parse("2026-11-28T03:00:00Z"), Instant.parse("2026-11-28T03:05:00Z"),
                Map.of("max_psi", 0.23, "drift_share", 0.4), List.of("retrain", "ml-alerts"));

        String json = new String(new AuditCodec().write(AuditRecord.decision(decision)));

        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().readTree("""
                {"kind": "decision",
                 "idempotency_key": "%s",
                 "model": "credit-default", "model_version": "v3", "rule": "critical-drift", "severity": "critical",
                 "window_start": "2026-11-28T03:00:00Z", "window_end": "2026-11-28T03:05:00Z",
                 "actions": ["retrain", "ml-alerts"],
                 "metrics": {"drift_share": 0.4, "max_psi": 0.23}}
                """.formatted(decision.idempotencyKey())));
        assertThat(json).startsWith("{\"kind\":\"decision\",\"idempotency_key\":\"mw-credit-default-v3-critical-drift-20261128T030500Z-");
    }

    @Test
    void aDeliverysAuditRecordNamesTheActionOutcomeAttemptsStatusAndDetailButNotTheMetrics() throws Exception {
        Decision decision = Decision.of("credit-default", "v3", "critical-drift", Severity.CRITICAL,
                Instant.parse("2026-11-28T03:00:00Z"), Instant.parse("2026-11-28T03:05:00Z"),
                Map.of("max_psi", 0.23), List.of("retrain"));
        CompletedDelivery delivered = new CompletedDelivery(decision, "retrain", "airflow", FinalOutcome.DELIVERED, 3,
                200, "HTTP 200");
        CompletedDelivery unanswered = new CompletedDelivery(decision, "retrain", "airflow", FinalOutcome.TIMED_OUT, 0,
                DeliveryResult.NO_STATUS, "no final answer within 1000 ms");

        String json = new String(new AuditCodec().write(AuditRecord.delivery(delivered)));
        String noStatus = new String(new AuditCodec().write(AuditRecord.delivery(unanswered)));

        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().readTree("""
                {"kind": "delivery",
                 "idempotency_key": "%s",
                 "model": "credit-default", "model_version": "v3", "rule": "critical-drift", "severity": "critical",
                 "window_start": "2026-11-28T03:00:00Z", "window_end": "2026-11-28T03:05:00Z",
                 "action": "retrain", "target_type": "airflow", "outcome": "delivered", "attempts": 3,
                 "status": 200, "detail": "HTTP 200"}
                """.formatted(decision.idempotencyKey())));
        assertThat(new ObjectMapper().readTree(noStatus).has("status")).isFalse();
        assertThat(new ObjectMapper().readTree(noStatus).get("outcome").asText()).isEqualTo("timed_out");
    }
}
