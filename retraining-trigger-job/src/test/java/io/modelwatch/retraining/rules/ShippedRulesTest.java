package io.modelwatch.retraining.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.modelwatch.retraining.decision.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShippedRulesTest {
    /** Surefire runs in the module directory. */
    private static final Path DEFAULT_RULES = Path.of("..", "deploy", "rules", "default-rules.yaml");

    @Test
    void theShippedDefaultRulesValidate() throws IOException {
        RuleSet set = RuleSetLoader.load(DEFAULT_RULES);

        assertThat(set.rules()).extracting(Rule::name, Rule::when, Rule::consecutive, Rule::severity, Rule::cooldown)
                .containsExactly(
                        tuple("critical-drift", "max_psi >= 0.2", 2, Severity.CRITICAL, Duration.ofHours(12)),
                        tuple("moderate-drift", "max_psi >= 0.1 and max_psi < 0.2", 2, Severity.WARNING, Duration.ofHours(6)),
                        tuple("accuracy-drop", "accuracy < 0.85 and label_coverage >= 0.2", 2, Severity.CRITICAL, Duration.ofHours(6)),
                        tuple("high-error-rate", "error_rate > 0.05", 2, Severity.CRITICAL, Duration.ofHours(1)),
                        tuple("slow-predictions", "latency_p99_ms > 500", 3, Severity.WARNING, Duration.ofHours(1)));
        assertThat(set.rules().get(2).actions()).containsExactly("retrain", "ml-alerts");
        assertThat(set.actions()).containsOnlyKeys("retrain", "ml-alerts");
        assertThat(set.actions().get("retrain")).isEqualTo(new ActionConfig("retrain", ActionType.AIRFLOW, Map.of(
                "url", "http://localhost:8080", "dag_id", "retrain_model", "api", "v2",
                "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD")));
        assertThat(set.actions().get("ml-alerts").settings()).isEqualTo(Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"));
    }

    @Test
    void theShippedDriftRulesSplitPsiIntoAWarningAndACriticalBand() throws IOException {
        List<Rule> rules = RuleSetLoader.load(DEFAULT_RULES).rules();
        Condition critical = rules.get(0).condition();
        Condition moderate = rules.get(1).condition();
        assertThat(List.of(0.05, 0.1, 0.19, 0.2, 0.5)).map(psi -> MapMetrics.of("max_psi", psi))
                .extracting(m -> moderate.evaluate(m), m -> critical.evaluate(m))
                .containsExactly(
                        tuple(false, false), tuple(true, false), tuple(true, false), tuple(false, true), tuple(false, true));
    }
}
