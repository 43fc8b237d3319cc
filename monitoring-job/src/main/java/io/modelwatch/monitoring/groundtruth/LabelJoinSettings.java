package io.modelwatch.monitoring.groundtruth;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long the label join waits, in event time.
 *
 * @param labelHorizon how long a prediction waits for its label before it counts as unlabeled
 * @param orphanWait how long a label waits for its prediction before it counts as orphaned
 * @param stateTtl backstop only: state untouched this long is dropped even if a timer was missed
 */
public record LabelJoinSettings(Duration labelHorizon, Duration orphanWait, Duration stateTtl) implements Serializable {
    public static final LabelJoinSettings DEFAULTS =
            new LabelJoinSettings(Duration.ofHours(24), Duration.ofHours(1), Duration.ofDays(7));

    public LabelJoinSettings {
        if (labelHorizon.isNegative() || labelHorizon.isZero() || orphanWait.isNegative() || orphanWait.isZero()) {
            throw new IllegalArgumentException("label horizon and orphan wait must be positive");
        }
        if (stateTtl.compareTo(labelHorizon) <= 0 || stateTtl.compareTo(orphanWait) <= 0) {
            throw new IllegalArgumentException("state TTL is a backstop and must exceed the label horizon and orphan wait");
        }
    }
}
