package io.modelwatch.retraining.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.IdempotencyKey;
import io.modelwatch.retraining.decision.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private static Rule psiRule(int consecutive, Duration cooldown) {
        String when = "max_psi >= 0.2";
        return new Rule("critical-drift", when, ConditionParser.parse("critical-drift", when), consecutive,
                Severity.CRITICAL, cooldown, List.of("retrain"));
    }

    /** The n-th (1-based) 5-minute window of a model version, whose max_psi makes the rule hold (T), not hold (F) or is null (N). */
    private static ReportSnapshot report(String model, String version, int n, char psi) {
        Double value = switch (psi) {
            case 'T' -> 0.3;
            case 'F' -> 0.1;
            case 'N' -> null;
            default -> throw new IllegalArgumentException("T, F or N, not " + psi);
        };
        Instant end = T0.plus(WINDOW.multipliedBy(n));
        return new ReportSnapshot(model, version, end.minus(WINDOW), end, MapMetrics.of("max_psi", value));
    }

    /** Feeds one model version's reports in order and returns the 1-based numbers of the reports the rule fired on. */
    private static List<Integer> firings(Rule rule, String sequence) {
        List<Integer> fired = new ArrayList<>();
        RuleState state = RuleState.INITIAL;
        for (int n = 1; n <= sequence.length(); n++) {
            Evaluation evaluation = RuleEvaluator.evaluate(rule, state, report("credit", "v3", n, sequence.charAt(n - 1)));
            state = evaluation.state();
            if (evaluation.decision().isPresent()) {
                fired.add(n);
            }
        }
        return fired;
    }

    @ParameterizedTest(name = "for {0}, cooldown {1}: {2} fires on {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # for | cooldown     | T holds, F does not, N null | reports that fire
              1   | PT0S         | TTFT     | 1 2 4
              1   | PT0S         | NTNT     | 2 4
              1   | PT0S         | NNFF     |
              3   | PT0S         | TTTTTT   | 3 6
              3   | PT0S         | TTFTTT   | 6
              3   | PT0S         | TTNTTT   | 6
              3   | PT0S         | TTFTT    |
              2   | PT0S         | TTT      | 2
              2   | PT0S         | TTTTT    | 2 4
            # window n ends at n x 5 min; firing at 5 min, the 10-minute cooldown ends at 15 min, report 3
              1   | PT10M        | TTTT     | 1 3
            # ... and with one millisecond more, report 3 ends 1 ms before the cooldown does
              1   | PT10M0.001S  | TTTT     | 1 4
            # fired on report 2 (10 min), quiet until 30 min (report 6); reports 3-6 during the cooldown count
              2   | PT20M        | TTTTTTT  | 2 6
            # ... but a false or null during the cooldown restarts the count
              2   | PT20M        | TTTTFTT  | 2 7
              2   | PT20M        | TTTTNT   | 2
            # a false right after firing: the count restarts with the next report that holds
              3   | PT10M        | TTTFTTT  | 3 7
            """)
    void aRuleFiresAfterItsStreakUnlessCoolingDown(int consecutive, Duration cooldown, String sequence, String expected) {
        List<Integer> want = expected == null ? List.of()
                : List.of(expected.split(" ")).stream().map(Integer::valueOf).toList();
        assertThat(firings(psiRule(consecutive, cooldown), sequence)).isEqualTo(want);
    }

    @Test
    void theStateCountsTheStreakAndRemembersTheLastFiring() {
        Rule rule = psiRule(3, Duration.ZERO);
        Evaluation first = RuleEvaluator.evaluate(rule, RuleState.INITIAL, report("credit", "v3", 1, 'T'));
        Evaluation second = RuleEvaluator.evaluate(rule, first.state(), report("credit", "v3", 2, 'T'));
        Evaluation third = RuleEvaluator.evaluate(rule, second.state(), report("credit", "v3", 3, 'T'));
        Evaluation broken = RuleEvaluator.evaluate(rule, third.state(), report("credit", "v3", 4, 'N'));

        assertThat(List.of(first.state(), second.state(), third.state(), broken.state())).containsExactly(
                new RuleState(1, null), new RuleState(2, null),
                new RuleState(0, T0.plus(Duration.ofMinutes(15))), new RuleState(0, T0.plus(Duration.ofMinutes(15))));
    }

    @Test
    void aDecisionCarriesTheReportTheRuleAndTheMetricsThatMadeItTrue() {
        String when = "psi[income] >= 0.2 or accuracy < 0.85";
        Rule rule = new Rule("drift-or-accuracy", when, ConditionParser.parse("drift-or-accuracy", when), 1,
                Severity.WARNING, Duration.ZERO, List.of("retrain", "ml-alerts"));
        Instant start = Instant.parse("2026-11-28T03:00:00Z");
        Instant end = Instant.parse("2026-11-28T03:05:00Z");
        ReportSnapshot report = new ReportSnapshot("credit-default", "v3", start, end,
                MapMetrics.of("psi[income]", 0.21, "psi[age]", 0.5, "accuracy", 0.9));

        Decision decision = RuleEvaluator.evaluate(rule, RuleState.INITIAL, report).decision().orElseThrow();

        assertThat(decision).isEqualTo(new Decision("credit-default", "v3", "drift-or-accuracy", Severity.WARNING,
                start, end, Map.of("psi[income]", 0.21), List.of("retrain", "ml-alerts"),
                IdempotencyKey.of("credit-default", "v3", "drift-or-accuracy", end)));
    }

    /** Rule state is kept per (model, version, rule). */
    private record StateKey(String model, String version, String rule) {}

    @Test
    void interleavedModelVersionsKeepTheirOwnStreaks() {
        Rule rule = psiRule(2, Duration.ZERO);
        List<ReportSnapshot> arrivals = List.of(
                report("credit", "v1", 1, 'T'),
                report("fraud", "v1", 1, 'T'),
                report("credit", "v2", 1, 'T'),
                report("credit", "v1", 2, 'T'),
                report("fraud", "v1", 2, 'F'),
                report("credit", "v2", 2, 'T'),
                report("fraud", "v1", 3, 'T'));
        Map<StateKey, RuleState> states = new HashMap<>();
        List<String> fired = new ArrayList<>();

        for (ReportSnapshot report : arrivals) {
            StateKey key = new StateKey(report.model(), report.modelVersion(), rule.name());
            Evaluation evaluation = RuleEvaluator.evaluate(rule, states.getOrDefault(key, RuleState.INITIAL), report);
            states.put(key, evaluation.state());
            evaluation.decision().ifPresent(d -> fired.add(d.model() + "/" + d.modelVersion() + "@" + d.windowEnd()));
        }

        assertThat(fired).containsExactly("credit/v1@2026-11-28T03:10:00Z", "credit/v2@2026-11-28T03:10:00Z");
        assertThat(states).containsEntry(new StateKey("fraud", "v1", "critical-drift"), new RuleState(1, null));
    }

    @ParameterizedTest(name = "streak {0}, last fired {1}, evaluated up to {2}: settled {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # streak | last fired (minutes after T0, -1 never) | evaluated end (minutes) | settled
              0      | -1 | 5  | true
              1      | -1 | 5  | false
              0      | 5  | 5  | false
              0      | 5  | 14 | false
              0      | 5  | 15 | true
              1      | 5  | 20 | false
            """)
    void aStateIsSettledWhenItHasNoStreakAndNoCooldownLeft(int streak, int lastFired, int evaluatedEnd, boolean settled) {
        Rule rule = psiRule(2, Duration.ofMinutes(10));
        RuleState state = new RuleState(streak, lastFired < 0 ? null : T0.plusSeconds(60L * lastFired));

        assertThat(RuleEvaluator.isSettled(rule, state, T0.plusSeconds(60L * evaluatedEnd))).isEqualTo(settled);
    }
}
