package io.modelwatch.retraining.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.control.ControlRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetRecordTest {
    private static final String VALID = """
            rules:
              - {name: drift, when: max_psi >= 0.2, severity: critical, actions: [alerts]}
            actions:
              alerts: {type: slack, webhook_url_env: SLACK_WEBHOOK_URL}
            """;

    @Test
    void aValidRuleSetIsAcceptedWithItsTextAndWhereItCameFrom() {
        RuleSetRecord record = RuleSetRecord.decode(record("rules", VALID));

        assertThat(record.isAccepted()).isTrue();
        assertThat(record.isTombstone()).isFalse();
        assertThat(record.yaml()).isEqualTo(VALID);
        assertThat(record.position()).isEqualTo("retraining-rules/0@7");
        assertThat(record.timestamp()).isEqualTo(1_000L);
    }

    @Test
    void anInvalidRuleIsADeadLetterNamingTheRuleAndTheProblemWithoutThePayload() {
        RuleSetRecord record = RuleSetRecord.decode(record("rules", VALID.replace("max_psi", "max_pis")));

        assertThat(record.isAccepted()).isFalse();
        assertThat(record.deadLetter().sourceTopic()).isEqualTo("retraining-rules");
        assertThat(record.deadLetter().offset()).isEqualTo(7);
        assertThat(record.deadLetter().error())
                .startsWith("rule set not applied, the rules in force stay: rule 'drift': ")
                .contains("unknown metric 'max_pis'");
        assertThat(record.deadLetter().payload()).isEmpty();
    }

    @Test
    void aSecretPastedWhereItsVariablesNameBelongsIsNeitherInTheErrorNorInTheDeadLetter() {
        String pasted = "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX";
        RuleSetRecord record = RuleSetRecord.decode(record("rules", VALID.replace("SLACK_WEBHOOK_URL", "\"" + pasted + "\"")));

        assertThat(record.deadLetter().error()).startsWith("rule set not applied, the rules in force stay: action 'alerts': ");
        assertThat(record.deadLetter().toString()).doesNotContain("XXXXSECRETXXXX");
    }

    @Test
    void anActionSettingOnlyItsTargetChecksIsRejectedAsAtStartUp() {
        RuleSetRecord record = RuleSetRecord.decode(record("rules", """
                rules:
                  - {name: drift, when: max_psi >= 0.2, severity: critical, actions: [retrain]}
                actions:
                  retrain: {type: airflow, url: "not a url", dag_id: retrain, api: v2, username_env: U, password_env: P}
                """));

        assertThat(record.isAccepted()).isFalse();
        assertThat(record.deadLetter().error()).contains("action 'retrain'");
    }

    @Test
    void aRecordUnderAnotherKeyIsRejectedSoCompactionCannotKeepTwoRuleSets() {
        RuleSetRecord record = RuleSetRecord.decode(record("drift", VALID));

        assertThat(record.deadLetter().error())
                .isEqualTo("rule set not applied, the rules in force stay: key: must be 'rules' (one record per rule set), not 'drift'");
    }

    @Test
    void aTombstoneIsAcceptedAndPutsTheRulesFileBack() {
        RuleSetRecord record = RuleSetRecord.decode(ControlRecord.of("retraining-rules", 0, 9, 2_000L,
                "rules".getBytes(StandardCharsets.UTF_8), null, Map.of()));

        assertThat(record.isAccepted()).isTrue();
        assertThat(record.isTombstone()).isTrue();
    }

    @Test
    void aValueThatIsNotUtf8IsRejected() {
        RuleSetRecord record = RuleSetRecord.decode(ControlRecord.of("retraining-rules", 0, 3, 2_000L,
                "rules".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe}, Map.of()));

        assertThat(record.deadLetter().error()).endsWith("value: not UTF-8 text");
    }

    static ControlRecord record(String key, String yaml) {
        return ControlRecord.of("retraining-rules", 0, 7, 1_000L, key.getBytes(StandardCharsets.UTF_8),
                yaml.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
