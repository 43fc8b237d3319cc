package io.modelwatch.retraining.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.retraining.action.RedactedUrl;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A named action from the rules file.
 *
 * @param settings the type's keys as written ({@code url}, {@code token_env}, …), validated:
 *     text as String, {@code smtp_port} as Integer, {@code to} as List of String, {@code conf} as an
 *     unmodifiable Map; optional keys that were not written are absent
 */
public record ActionConfig(String name, ActionType type, Map<String, Object> settings) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public ActionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Validates an action's YAML mapping ({@code type} and its settings) against its type.
     *
     * @throws RuleConfigException naming the action: unknown type, unknown key, missing or malformed setting
     */
    public static ActionConfig of(String name, Map<String, Object> yaml) {
        Object typeName = yaml.get("type");
        if (typeName == null) {
            throw RuleConfigException.forAction(name, "missing required key 'type' (expected " + typeNames() + ")");
        }
        ActionType type = ActionType.ofWireName(typeName.toString()).orElseThrow(() -> RuleConfigException.forAction(
                name, "unknown type '" + typeName + "' (expected " + typeNames() + ")"));
        Set<String> allowed = new TreeSet<>(Set.of("type"));
        type.keys().forEach(key -> allowed.addAll(key.keys()));
        for (String key : yaml.keySet()) {
            if (!allowed.contains(key)) {
                throw RuleConfigException.forAction(name, "unknown key '" + key + "' for type "
                        + type.wireName() + " (expected " + String.join(", ", allowed) + ")");
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        type.keys().forEach(key -> key.copy(name, yaml, settings));
        return new ActionConfig(name, type, settings);
    }

    /**
     * The action's type and settings as one JSON object ({@code {"type": "webhook", "url": …}}), for a
     * delivery request to carry: settings hold secrets' names and files, never their values.
     */
    public String toJson() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("type", type.wireName());
        all.putAll(settings);
        try {
            return JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The action {@link #toJson} wrote, validated again.
     *
     * @throws RuleConfigException when it is not an action's JSON
     */
    public static ActionConfig fromJson(String name, String json) {
        try {
            return of(name, JSON.readValue(json, new TypeReference<Map<String, Object>>() {}));
        } catch (JsonProcessingException e) {
            throw RuleConfigException.forAction(name, "not an action's JSON: " + e.getOriginalMessage());
        }
    }

    /** Like a record's, but a URL's embedded {@code user:password@} masked: a rules file may hold one. */
    @Override
    public String toString() {
        Map<String, Object> printable = new LinkedHashMap<>();
        settings.forEach((key, value) -> printable.put(key,
                value instanceof String text && text.contains("://") ? RedactedUrl.of(text) : value));
        return "ActionConfig[name=" + name + ", type=" + type + ", settings=" + printable + "]";
    }

    private static String typeNames() {
        return Arrays.stream(ActionType.values()).map(ActionType::wireName).collect(Collectors.joining(", "));
    }
}
