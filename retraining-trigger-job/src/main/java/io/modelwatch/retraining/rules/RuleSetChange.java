package io.modelwatch.retraining.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a change of the rule set in force does to the {@link RuleState}s kept per (model, version)
 * and rule. Rules are identified by name:
 * <ul>
 *   <li>a rule whose condition or {@code for} changed starts a new streak; the end of the window it
 *       last fired on holds, so its cooldown (the new one, if that changed too) still runs from there;
 *   <li>a rule whose condition and {@code for} are unchanged keeps streak and cooldown, whatever
 *       else changed (severity, cooldown length, actions);
 *   <li>a removed rule's state is dropped, so a rule renamed or removed and added again starts afresh.
 * </ul>
 * Conditions are compared parsed, so a change of spacing or of the order in which a file writes the
 * keys changes nothing.
 */
public final class RuleSetChange {
    private final Map<String, Rule> before;
    private final Map<String, Rule> after;

    private RuleSetChange(RuleSet before, RuleSet after) {
        this.before = byName(before);
        this.after = byName(after);
    }

    public static RuleSetChange between(RuleSet before, RuleSet after) {
        return new RuleSetChange(before, after);
    }

    /**
     * The state to keep for {@code rule} under the new rule set.
     *
     * @return the state carried over, or null when there is nothing to keep
     */
    public RuleState carryOver(String rule, RuleState state) {
        Rule now = after.get(rule);
        if (now == null) {
            return null;
        }
        Rule then = before.get(rule);
        if (then != null && sameStreak(then, now)) {
            return state;
        }
        RuleState restarted = new RuleState(0, state.lastFiredWindowEnd());
        return restarted.equals(RuleState.INITIAL) ? null : restarted;
    }

    /** Whether some kept state changes: a rule was removed, or its condition or {@code for} changed. */
    public boolean changesState() {
        return !removed().isEmpty() || !restarted().isEmpty();
    }

    public List<String> added() {
        return after.keySet().stream().filter(name -> !before.containsKey(name)).toList();
    }

    public List<String> removed() {
        return before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
    }

    /** Rules in both sets whose streak starts again. */
    public List<String> restarted() {
        return after.keySet().stream()
                .filter(name -> before.containsKey(name) && !sameStreak(before.get(name), after.get(name)))
                .toList();
    }

    private static boolean sameStreak(Rule then, Rule now) {
        return then.condition().equals(now.condition()) && then.consecutive() == now.consecutive();
    }

    private static Map<String, Rule> byName(RuleSet rules) {
        return rules.rules().stream().collect(Collectors.toMap(Rule::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    public String toString() {
        return "added " + added() + ", removed " + removed() + ", streak restarted " + restarted();
    }
}
