package io.modelwatch.retraining.rules;

import io.modelwatch.retraining.action.ActionConfigException;
import io.modelwatch.retraining.action.RetrainingTarget;
import io.modelwatch.retraining.action.TargetFactory;

/**
 * A rules text checked as completely as the job checks its rules file before it evaluates a
 * report: parsed and validated by {@link RuleSetLoader}, and every action built into its target
 * once and closed again, so a setting only the target checks (a URL, a DAG id, an ARN, an address)
 * fails here rather than when a decision first needs the action. Building reads no secret's value.
 */
public final class RuleSetValidator {
    private RuleSetValidator() {}

    /**
     * @throws RuleConfigException when the text is not a valid rules file
     * @throws ActionConfigException naming the action and its bad setting
     */
    public static RuleSet validate(String yaml) {
        RuleSet rules = RuleSetLoader.parse(yaml);
        TargetFactory factory = TargetFactory.system();
        for (ActionConfig action : rules.actions().values()) {
            try (RetrainingTarget target = factory.create(action.name(), action.type().wireName(), action.settings())) {
                // built: its settings are valid
            }
        }
        return rules;
    }
}
