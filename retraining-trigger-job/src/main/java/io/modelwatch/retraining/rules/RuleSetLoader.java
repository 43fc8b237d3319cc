package io.modelwatch.retraining.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelwatch.common.config.Durations;
import io.modelwatch.retraining.decision.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and validates a rules file (docs/ARCHITECTURE.md section 6):
 * <pre>
 * defaults: {cooldown: 6h}                 # optional
 * rules:                                   # at least one
 *   - name: critical-drift                 # required, unique
 *     when: max_psi &gt;= 0.2                # required, see ConditionParser
 *     for: 2                               # optional, default 1
 *     severity: critical                   # required: info | warning | critical
 *     cooldown: 12h                        # optional, else defaults.cooldown, else 0
 *     actions: [retrain, ml-alerts]        # required; [] only records the decision
 * actions:                                 # optional; name → {type, …} (see ActionType)
 *   retrain: {type: airflow, …}
 * </pre>
 * Unknown keys are errors everywhere, so a misspelt key never silently changes a rule.
 * Durations are {@link Durations}. YAML syntax errors and duplicate keys are reported with
 * their line and column; other errors name the rule or action.
 */
public final class RuleSetLoader {
    private static final List<String> TOP_LEVEL_KEYS = List.of("defaults", "rules", "actions");
    private static final List<String> DEFAULTS_KEYS = List.of("cooldown");
    private static final List<String> RULE_KEYS = List.of("name", "when", "for", "severity", "cooldown", "actions");
    private static final YAMLMapper YAML =
            YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private RuleSetLoader() {}

    /** @throws RuleConfigException when the file is not a valid rules file */
    public static RuleSet load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** @throws RuleConfigException when the text is not a valid rules file */
    public static RuleSet parse(String yaml) {
        JsonNode root = readTree(yaml);
        if (!root.isObject()) {
            throw new RuleConfigException("the rules file must be a mapping with 'rules' (and optionally 'defaults', 'actions')");
        }
        checkKeys(root, TOP_LEVEL_KEYS, key -> new RuleConfigException("unknown top-level key '" + key
                + "' (expected " + String.join(", ", TOP_LEVEL_KEYS) + ")"));
        Duration defaultCooldown = defaultCooldown(root.path("defaults"));
        Map<String, ActionConfig> actions = actions(root.path("actions"));
        return new RuleSet(rules(root.path("rules"), defaultCooldown), actions);
    }

    private static JsonNode readTree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new RuleConfigException(where + e.getOriginalMessage(), e);
        }
    }

    private static Duration defaultCooldown(JsonNode defaults) {
        if (defaults.isMissingNode()) {
            return Duration.ZERO;
        }
        if (!defaults.isObject()) {
            throw new RuleConfigException("'defaults' must be a mapping");
        }
        checkKeys(defaults, DEFAULTS_KEYS, key -> new RuleConfigException("defaults: unknown key '" + key
                + "' (expected " + String.join(", ", DEFAULTS_KEYS) + ")"));
        JsonNode cooldown = defaults.path("cooldown");
        return cooldown.isMissingNode() ? Duration.ZERO : duration(cooldown, RuleConfigException::new, "defaults: cooldown");
    }

    private static Map<String, ActionConfig> actions(JsonNode actions) {
        Map<String, ActionConfig> byName = new LinkedHashMap<>();
        if (actions.isMissingNode()) {
            return byName;
        }
        if (!actions.isObject()) {
            throw new RuleConfigException("'actions' must be a mapping from action name to its settings");
        }
        actions.properties().forEach(entry -> {
            String name = entry.getKey();
            if (!entry.getValue().isObject()) {
                throw RuleConfigException.forAction(name, "must be a mapping with a 'type' and its settings");
            }
            byName.put(name, ActionConfig.of(name, YAML.convertValue(entry.getValue(), new TypeReference<>() {})));
        });
        return byName;
    }

    private static List<Rule> rules(JsonNode rules, Duration defaultCooldown) {
        if (!rules.isArray() || rules.isEmpty()) {
            throw new RuleConfigException("'rules' must be a non-empty list of rules");
        }
        List<Rule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            parsed.add(rule(rules.get(i), "rules[" + i + "]", defaultCooldown));
        }
        return parsed;
    }

    private static Rule rule(JsonNode node, String place, Duration defaultCooldown) {
        if (!node.isObject()) {
            throw new RuleConfigException(place + " must be a mapping");
        }
        String name = requiredText(node, "name", problem -> new RuleConfigException(place + ": " + problem));
        Function<String, RuleConfigException> error = problem -> RuleConfigException.forRule(name, problem);
        checkKeys(node, RULE_KEYS, key -> error.apply("unknown key '" + key + "' (expected "
                + String.join(", ", RULE_KEYS) + ")"));
        String when = requiredText(node, "when", error);
        JsonNode cooldown = node.path("cooldown");
        return new Rule(
                name,
                when,
                ConditionParser.parse(name, when),
                consecutive(node.path("for"), error),
                severity(requiredText(node, "severity", error), error),
                cooldown.isMissingNode() ? defaultCooldown : duration(cooldown, error, "cooldown"),
                actionNames(node.path("actions"), error));
    }

    private static int consecutive(JsonNode node, Function<String, RuleConfigException> error) {
        if (node.isMissingNode()) {
            return 1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error.apply("'for' must be a whole number of reports, not '" + node.asText() + "'");
        }
        return node.intValue();
    }

    private static Severity severity(String text, Function<String, RuleConfigException> error) {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw error.apply(e.getMessage());
        }
    }

    private static List<String> actionNames(JsonNode node, Function<String, RuleConfigException> error) {
        if (node.isMissingNode()) {
            throw error.apply("missing required key 'actions' (write [] to only record decisions)");
        }
        if (!node.isArray()) {
            throw error.apply("'actions' must be a list of action names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw error.apply("'actions' must be a list of action names");
            }
            names.add(item.textValue());
        }
        return names;
    }

    private static Duration duration(JsonNode node, Function<String, RuleConfigException> error, String key) {
        try {
            return Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw error.apply(key + ": " + e.getMessage());
        }
    }

    private static String requiredText(JsonNode parent, String key, Function<String, RuleConfigException> error) {
        JsonNode node = parent.path(key);
        if (node.isMissingNode()) {
            throw error.apply("missing required key '" + key + "'");
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw error.apply("'" + key + "' must be non-empty text");
        }
        return node.textValue();
    }

    private static void checkKeys(JsonNode node, List<String> allowed, Function<String, RuleConfigException> unknown) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                throw unknown.apply(key);
            }
        }
    }
}
