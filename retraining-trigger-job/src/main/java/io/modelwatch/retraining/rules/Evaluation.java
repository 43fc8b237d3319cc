package io.modelwatch.retraining.rules;

import io.modelwatch.retraining.decision.Decision;
import java.util.Objects;
import java.util.Optional;

/** The outcome of one rule on one report: the state to keep, and the decision if the rule fired. */
public record Evaluation(RuleState state, Optional<Decision> decision) {
    public Evaluation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(decision, "decision");
    }
}
