package io.modelwatch.retraining.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RuleSetChangeTest {
    private static final Instant FIRED = Instant.parse("2026-11-28T00:10:00Z");
    private static final RuleState MID_STREAK_AFTER_FIRING = new RuleState(1, FIRED);
    private static final RuleState MID_STREAK_NEVER_FIRED = new RuleState(1, null);
    private static final RuleSet BEFORE = RuleSetLoader.parse("""
            rules:
              - {name: drift, when: max_psi >= 0.2, for: 2, severity: critical, cooldown: 1h, actions: []}
              - {name: accuracy, when: accuracy < 0.85, severity: warning, actions: []}
            """);

    @Test
    void anUnchangedRuleKeepsStreakAndCooldownWhateverElseChanged() {
        RuleSetChange change = RuleSetChange.between(BEFORE, RuleSetLoader.parse("""
                rules:
                  - {name: drift, when: "max_psi>=0.2", for: 2, severity: info, cooldown: 5m, actions: [a]}
                  - {name: accuracy, when: accuracy < 0.85, severity: warning, actions: []}
                actions:
                  a: {type: slack, webhook_url_env: SLACK}
                """));

        assertThat(change.carryOver("drift", MID_STREAK_AFTER_FIRING)).isEqualTo(MID_STREAK_AFTER_FIRING);
        assertThat(change.restarted()).isEmpty();
        assertThat(change.changesState()).isFalse();
    }

    @Test
    void aRuleWhoseConditionChangedStartsANewStreakAndItsLastFiringHolds() {
        RuleSetChange change = RuleSetChange.between(BEFORE, changedDrift("max_psi >= 0.3", 2));

        assertThat(change.carryOver("drift", MID_STREAK_AFTER_FIRING)).isEqualTo(new RuleState(0, FIRED));
        assertThat(change.restarted()).containsExactly("drift");
        assertThat(change.changesState()).isTrue();
    }

    @Test
    void aRuleWhoseForChangedStartsANewStreakToo() {
        RuleSetChange change = RuleSetChange.between(BEFORE, changedDrift("max_psi >= 0.2", 3));

        assertThat(change.carryOver("drift", MID_STREAK_AFTER_FIRING)).isEqualTo(new RuleState(0, FIRED));
    }

    @Test
    void aRestartedRuleThatNeverFiredHasNothingLeftToKeep() {
        RuleSetChange change = RuleSetChange.between(BEFORE, changedDrift("max_psi >= 0.3", 2));

        assertThat(change.carryOver("drift", MID_STREAK_NEVER_FIRED)).isNull();
    }

    @Test
    void aRemovedRulesStateIsDroppedAndARenamedRuleIsANewRule() {
        RuleSetChange change = RuleSetChange.between(BEFORE, RuleSetLoader.parse("""
                rules:
                  - {name: drift-renamed, when: max_psi >= 0.2, for: 2, severity: critical, cooldown: 1h, actions: []}
                """));

        assertThat(change.carryOver("drift", MID_STREAK_AFTER_FIRING)).isNull();
        assertThat(change.carryOver("accuracy", MID_STREAK_NEVER_FIRED)).isNull();
        assertThat(change.removed()).containsExactly("drift", "accuracy");
        assertThat(change.added()).containsExactly("drift-renamed");
        assertThat(change.changesState()).isTrue();
    }

    @Test
    void anAddedRuleStartsFromNothingBecauseNoStateCarriesItsName() {
        RuleSetChange change = RuleSetChange.between(BEFORE, RuleSetLoader.parse("""
                rules:
                  - {name: drift, when: max_psi >= 0.2, for: 2, severity: critical, cooldown: 1h, actions: []}
                  - {name: accuracy, when: accuracy < 0.85, severity: warning, actions: []}
                  - {name: errors, when: error_rate > 0.1, severity: warning, actions: []}
                """));

        assertThat(change.added()).containsExactly("errors");
        assertThat(change.changesState()).isFalse();
    }

    @Test
    void theHeldCooldownIsMeasuredWithTheNewRulesLength() {
        // drift fired on the window ending 00:10 with a 1h cooldown; the new rule has 30m and a new condition.
        RuleSet after = RuleSetLoader.parse("""
                rules:
                  - {name: drift, when: max_psi >= 0.3, severity: critical, cooldown: 30m, actions: []}
                """);
        RuleState carried = RuleSetChange.between(BEFORE, after).carryOver("drift", MID_STREAK_AFTER_FIRING);
        Rule drift = after.rules().get(0);

        ReportSnapshot at0035 = snapshot("2026-11-28T00:35:00Z");
        ReportSnapshot at0040 = snapshot("2026-11-28T00:40:00Z");
        assertThat(RuleEvaluator.evaluate(drift, carried, at0035).decision()).as("00:35 < 00:10 + 30m").isEmpty();
        assertThat(RuleEvaluator.evaluate(drift, carried, at0040).decision()).as("00:40 = 00:10 + 30m").isPresent();
    }

    private static RuleSet changedDrift(String when, int consecutive) {
        return RuleSetLoader.parse("""
                rules:
                  - {name: drift, when: "%s", for: %d, severity: critical, cooldown: 1h, actions: []}
                  - {name: accuracy, when: accuracy < 0.85, severity: warning, actions: []}
                """.formatted(when, consecutive));
    }

    private static ReportSnapshot snapshot(String windowEnd) {
        Instant end = Instant.parse(windowEnd);
        return new ReportSnapshot("m", "v1", end.minusSeconds(300), end, MapMetrics.of("max_psi", 0.5));
    }
}
