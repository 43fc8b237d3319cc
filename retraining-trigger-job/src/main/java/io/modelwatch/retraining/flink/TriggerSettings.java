package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.rules.RuleSetLoader;
import java.time.Duration;
import java.util.Objects;

/**
 * How the trigger workflow evaluates reports.
 *
 * @param rulesYaml the rules file's text, validated here so a broken file fails before the job starts
 * @param outOfOrderness how much earlier than the latest window end seen a report may end and
 *     still be evaluated in order; decisions wait this long (in event time) for stragglers
 * @param idleness after this long without reports a source partition stops holding back the
 *     watermark, so one quiet partition does not stall every decision
 */
public record TriggerSettings(String rulesYaml, Duration outOfOrderness, Duration idleness) {
    public TriggerSettings {
        Objects.requireNonNull(rulesYaml, "rulesYaml");
        RuleSetLoader.parse(rulesYaml);
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("the out-of-orderness must not be negative: " + outOfOrderness);
        }
        if (idleness.isNegative()) {
            throw new IllegalArgumentException("the idleness must not be negative: " + idleness);
        }
    }
}
