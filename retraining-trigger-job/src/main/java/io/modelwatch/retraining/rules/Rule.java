package io.modelwatch.retraining.rules;

import io.modelwatch.retraining.decision.Severity;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A retraining or alerting rule (docs/ARCHITECTURE.md section 6); {@link RuleEvaluator} gives it its meaning.
 *
 * @param when the condition as written, for logs and audit records
 * @param condition {@code when}, parsed
 * @param consecutive the rule's {@code for}: in how many consecutive reports the condition must hold
 * @param cooldown after firing on a window ending at t, the rule fires again only for windows
 *     ending at or after t + cooldown
 * @param actions names of the actions to run, in order; may be empty, then the decision is only recorded
 */
public record Rule(String name, String when, Condition condition, int consecutive, Severity severity,
        Duration cooldown, List<String> actions) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(cooldown, "cooldown");
        actions = List.copyOf(actions);
        if (consecutive < 1) {
            throw RuleConfigException.forRule(name, "'for' must be at least 1, not " + consecutive);
        }
        if (cooldown.isNegative()) {
            throw RuleConfigException.forRule(name, "'cooldown' must not be negative");
        }
        if (new HashSet<>(actions).size() < actions.size()) {
            throw RuleConfigException.forRule(name, "lists an action twice in " + actions);
        }
    }
}
