package io.modelwatch.retraining.rules;

import java.util.Locale;
import java.util.Optional;

/** The state a concept-drift detector reports ({@code concept_drift.state}), mildest first. */
public enum ConceptDriftState {
    STABLE,
    WARNING,
    DRIFT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The number a condition compares: 0 stable, 1 warning, 2 drift, so {@code >= warning} reads naturally. */
    public double level() {
        return ordinal();
    }

    public static Optional<ConceptDriftState> ofWireName(String text) {
        for (ConceptDriftState s : values()) {
            if (s.wireName().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
