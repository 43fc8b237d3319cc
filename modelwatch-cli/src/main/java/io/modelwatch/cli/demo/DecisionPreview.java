package io.modelwatch.cli.demo;

import io.modelwatch.retraining.action.RetrainingTarget;
import io.modelwatch.retraining.action.TargetFactory;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.rules.ActionConfig;
import io.modelwatch.retraining.rules.RuleSet;
import io.modelwatch.retraining.rules.RuleSetLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * A decision as the demo prints it, with the exact request each of its actions would send
 * (secrets masked). Nothing is sent, so no secret needs to be set.
 */
final class DecisionPreview extends RichMapFunction<Decision, String> {
    private final String rulesYaml;
    private transient Map<String, RetrainingTarget> targets;

    DecisionPreview(String rulesYaml) {
        this.rulesYaml = rulesYaml;
    }

    @Override
    public void open(OpenContext context) {
        RuleSet rules = RuleSetLoader.parse(rulesYaml);
        TargetFactory factory = TargetFactory.system();
        targets = new LinkedHashMap<>();
        for (ActionConfig action : rules.actions().values()) {
            targets.put(action.name(), factory.create(action.name(), action.type().wireName(), action.settings()));
        }
    }

    @Override
    public String map(Decision decision) {
        Map<String, String> requests = new LinkedHashMap<>();
        for (String action : decision.actions()) {
            requests.put(action, targets.get(action).preview(decision).render());
        }
        return DemoConsole.decision(decision, requests);
    }

    @Override
    public void close() throws Exception {
        if (targets != null) {
            for (RetrainingTarget target : targets.values()) {
                target.close();
            }
        }
    }
}
