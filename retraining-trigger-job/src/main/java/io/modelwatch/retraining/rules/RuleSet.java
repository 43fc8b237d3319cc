package io.modelwatch.retraining.rules;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules and actions of one rules file, consistent: rule names are unique and every action a
 * rule names is defined. Load one with {@link RuleSetLoader}.
 *
 * @param actions by name, in file order
 */
public record RuleSet(List<Rule> rules, Map<String, ActionConfig> actions) {
    public RuleSet {
        rules = List.copyOf(rules);
        actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            if (!names.add(rule.name())) {
                throw RuleConfigException.forRule(rule.name(), "defined more than once");
            }
            for (String action : rule.actions()) {
                if (!actions.containsKey(action)) {
                    throw RuleConfigException.forRule(rule.name(), "unknown action '" + action
                            + "' (defined: " + String.join(", ", actions.keySet()) + ")");
                }
            }
        }
    }
}
