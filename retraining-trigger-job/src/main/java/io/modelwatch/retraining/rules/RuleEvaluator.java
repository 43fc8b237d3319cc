package io.modelwatch.retraining.rules;

import io.modelwatch.retraining.decision.Decision;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The rule semantics of docs/ARCHITECTURE.md section 6 for one (model, version, rule): the caller
 * keeps one {@link RuleState} per key and feeds that key's reports in window order (the job's
 * {@code RuleEvaluation} orders them by event time).
 *
 * <ul>
 *   <li>A report where the condition does not hold (false, or its metrics are null) resets the
 *       streak to 0; one where it holds adds 1. Gaps between windows do not break a streak: the
 *       contract counts consecutive reports, not windows.
 *   <li>The rule fires when the streak reaches {@code for}, unless it is cooling down: after firing
 *       on a window ending at t, it cannot fire on a window ending before t + cooldown.
 *   <li>Firing restarts the streak at 0, so the firing report does not count toward the next firing
 *       while every later one does, including those during the cooldown.
 * </ul>
 */
public final class RuleEvaluator {
    private RuleEvaluator() {}

    public static Evaluation evaluate(Rule rule, RuleState state, ReportSnapshot report) {
        Map<String, Double> evidence = rule.condition().evidence(report.metrics());
        if (evidence.isEmpty()) {
            return new Evaluation(new RuleState(0, state.lastFiredWindowEnd()), Optional.empty());
        }
        int streak = state.streak() + 1;
        boolean coolingDown = state.lastFiredWindowEnd() != null
                && report.windowEnd().isBefore(state.lastFiredWindowEnd().plus(rule.cooldown()));
        if (streak < rule.consecutive() || coolingDown) {
            return new Evaluation(new RuleState(streak, state.lastFiredWindowEnd()), Optional.empty());
        }
        Decision decision = Decision.of(report.model(), report.modelVersion(), rule.name(), rule.severity(),
                report.windowStart(), report.windowEnd(), evidence, rule.actions());
        return new Evaluation(new RuleState(0, report.windowEnd()), Optional.of(decision));
    }

    /**
     * Whether {@code state}, kept after evaluating a report ending at {@code evaluatedEnd}, acts
     * like {@link RuleState#INITIAL} on every later report: no streak, and no cooldown left for a
     * window ending after {@code evaluatedEnd}. Such a state need not be stored.
     */
    public static boolean isSettled(Rule rule, RuleState state, Instant evaluatedEnd) {
        return state.streak() == 0 && (state.lastFiredWindowEnd() == null
                || !evaluatedEnd.isBefore(state.lastFiredWindowEnd().plus(rule.cooldown())));
    }
}
