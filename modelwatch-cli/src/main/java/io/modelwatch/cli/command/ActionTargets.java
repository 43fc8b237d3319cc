package io.modelwatch.cli.command;

import io.modelwatch.retraining.action.RetrainingTarget;
import io.modelwatch.retraining.action.TargetFactory;
import io.modelwatch.retraining.rules.ActionConfig;
import io.modelwatch.retraining.rules.RuleSetLoader;

/**
 * Every action of a rules file built into its target once, as a live run builds them, and closed
 * again: a setting that only the target checks (a URL, a DAG id, a state machine ARN, an email
 * address) fails before any report is read, in a dry run as in a live one, instead of failing the
 * job when a decision first needs the action. Building reads no secret's value, only its name.
 */
public final class ActionTargets {
    private ActionTargets() {}

    /**
     * @throws io.modelwatch.retraining.rules.RuleConfigException when the rules file is invalid
     * @throws io.modelwatch.retraining.action.ActionConfigException naming the action and its bad setting
     */
    public static void validate(String rulesYaml) {
        TargetFactory factory = TargetFactory.system();
        for (ActionConfig action : RuleSetLoader.parse(rulesYaml).actions().values()) {
            try (RetrainingTarget target = factory.create(action.name(), action.type().wireName(), action.settings())) {
                // built: its settings are valid
            }
        }
    }
}
