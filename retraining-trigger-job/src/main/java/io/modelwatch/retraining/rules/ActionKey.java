package io.modelwatch.retraining.rules;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One setting an {@link ActionType} accepts, and how its YAML value is checked and normalized.
 * A {@link Shape#SECRET} setting {@code token} is written as {@code token_env} (an environment
 * variable's name) or {@code token_file} (a file's path), exactly one of them.
 */
record ActionKey(String name, Shape shape, boolean required, List<String> choices) {
    enum Shape { TEXT, CHOICE, PORT, REPOSITORY, TEXT_LIST, MAPPING, SECRET }

    private static final Pattern REPOSITORY_NAME = Pattern.compile("[^/\\s]+/[^/\\s]+");
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    ActionKey {
        choices = List.copyOf(choices);
    }

    static ActionKey text(String name) {
        return new ActionKey(name, Shape.TEXT, true, List.of());
    }

    static ActionKey optionalText(String name) {
        return new ActionKey(name, Shape.TEXT, false, List.of());
    }

    static ActionKey choice(String name, String... choices) {
        return new ActionKey(name, Shape.CHOICE, true, List.of(choices));
    }

    static ActionKey port(String name) {
        return new ActionKey(name, Shape.PORT, true, List.of());
    }

    static ActionKey repository(String name) {
        return new ActionKey(name, Shape.REPOSITORY, true, List.of());
    }

    static ActionKey textList(String name) {
        return new ActionKey(name, Shape.TEXT_LIST, true, List.of());
    }

    static ActionKey optionalMapping(String name) {
        return new ActionKey(name, Shape.MAPPING, false, List.of());
    }

    static ActionKey secret(String name) {
        return new ActionKey(name, Shape.SECRET, true, List.of());
    }

    static ActionKey optionalSecret(String name) {
        return new ActionKey(name, Shape.SECRET, false, List.of());
    }

    /** The keys this setting may be written as. */
    Set<String> keys() {
        return shape == Shape.SECRET ? Set.of(name + "_env", name + "_file") : Set.of(name);
    }

    /** Checks this setting in an action's raw YAML mapping and copies its normalized value into {@code settings}. */
    void copy(String action, Map<String, Object> raw, Map<String, Object> settings) {
        String key = shape == Shape.SECRET ? presentSecretKey(action, raw) : name;
        if (!raw.containsKey(key)) {
            if (required) {
                throw RuleConfigException.forAction(action, "missing required key " + String.join(" or ",
                        keys().stream().sorted().map(k -> "'" + k + "'").toList()));
            }
            return;
        }
        Object value = raw.get(key);
        settings.put(key, switch (shape) {
            case TEXT -> text(action, key, value);
            case SECRET -> secretReference(action, key, value);
            case CHOICE -> {
                if (!choices.contains(value)) {
                    throw RuleConfigException.forAction(action, "'" + key + "' must be one of "
                            + String.join(", ", choices) + ", not '" + value + "'");
                }
                yield value;
            }
            case PORT -> {
                if (!(value instanceof Integer port) || port < 1 || port > 65535) {
                    throw RuleConfigException.forAction(action,
                            "'" + key + "' must be a port number (1-65535), not '" + value + "'");
                }
                yield port;
            }
            case REPOSITORY -> {
                String repository = text(action, key, value);
                if (!REPOSITORY_NAME.matcher(repository).matches()) {
                    throw RuleConfigException.forAction(action,
                            "'" + key + "' must be owner/name, not '" + repository + "'");
                }
                yield repository;
            }
            case TEXT_LIST -> {
                if (!(value instanceof List<?> list) || list.isEmpty()) {
                    throw RuleConfigException.forAction(action, "'" + key + "' must be a non-empty list");
                }
                yield list.stream().map(item -> text(action, key, item)).toList();
            }
            case MAPPING -> {
                if (!(value instanceof Map<?, ?>)) {
                    throw RuleConfigException.forAction(action, "'" + key + "' must be a mapping");
                }
                yield frozen(value);
            }
        });
    }

    /** Which of {@code name_env} / {@code name_file} is given ({@code name_env} when neither is). */
    private String presentSecretKey(String action, Map<String, Object> raw) {
        String env = name + "_env";
        String file = name + "_file";
        if (raw.containsKey(env) && raw.containsKey(file)) {
            throw RuleConfigException.forAction(action, "give '" + env + "' or '" + file + "', not both");
        }
        return raw.containsKey(file) ? file : env;
    }

    /**
     * A secret's reference: a {@code _file} path, or a {@code _env} variable's name. A "name" that is no
     * name is most likely the secret itself pasted in, so the error never repeats it.
     */
    private static String secretReference(String action, String key, Object value) {
        String text = text(action, key, value);
        if (key.endsWith("_env") && !ENVIRONMENT_VARIABLE.matcher(text).matches()) {
            throw RuleConfigException.forAction(action, "'" + key + "' must be the name of an environment variable "
                    + "(letters, digits and '_', not starting with a digit), not the secret itself (value not shown)");
        }
        return text;
    }

    /** Non-blank text; whole numbers are accepted as text because YAML writes ids like {@code 1234} unquoted. */
    private static String text(String action, String key, Object value) {
        boolean wholeNumber = value instanceof Integer || value instanceof Long || value instanceof BigInteger;
        if (wholeNumber || (value instanceof String s && !s.isBlank())) {
            return value.toString();
        }
        throw RuleConfigException.forAction(action, "'" + key + "' must be non-empty text");
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, frozen(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ActionKey::frozen).toList();
        }
        return value;
    }
}
