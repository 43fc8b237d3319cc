package io.modelwatch.retraining.rules;

import java.time.Instant;

/**
 * What {@link RuleEvaluator} remembers of one rule for one (model, version) between reports; small
 * and immutable so a keyed-state backend can store it as is.
 *
 * @param streak reports in a row, up to the latest, whose condition held since the rule last fired
 * @param lastFiredWindowEnd end of the window the rule last fired on, or null if it never fired
 */
public record RuleState(int streak, Instant lastFiredWindowEnd) {
    public static final RuleState INITIAL = new RuleState(0, null);

    public RuleState {
        if (streak < 0) {
            throw new IllegalArgumentException("streak must not be negative: " + streak);
        }
    }
}
