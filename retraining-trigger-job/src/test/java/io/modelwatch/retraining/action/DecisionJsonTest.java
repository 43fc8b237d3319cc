package io.modelwatch.retraining.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionJsonTest {

    @Test
    void theDecisionIsWrittenWithSnakeCaseKeysAndIsoInstants() throws Exception {
        String json = DecisionJson.toJson(SampleDecision.critical());
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().readTree("""
                {"model": "credit-default", "model_version": "v3", "rule": "critical-drift", "severity": "critical",
                 "window_start": "2026-11-28T03:00:00Z", "window_end": "2026-11-28T03:05:00Z",
                 "metrics": {"drift_share": 0.4, "max_psi": 0.23},
                 "idempotency_key": "%s"}
                """.formatted(SampleDecision.critical().idempotencyKey())));
    }

    @Test
    void metricsAreSortedByNameAndNonFiniteValuesBecomeNull() {
        Decision decision = Decision.of("m", "v", "r", Severity.INFO, SampleDecision.WINDOW_START,
                SampleDecision.WINDOW_END, Map.of("b", Double.NaN, "a", 1.0), List.of());
        assertThat(DecisionJson.toJson(decision)).contains("\"metrics\":{\"a\":1.0,\"b\":null}");
    }
}
