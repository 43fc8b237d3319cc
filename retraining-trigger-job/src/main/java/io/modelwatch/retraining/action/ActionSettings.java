package io.modelwatch.retraining.action;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One action's settings as the YAML loader produced them (plain maps, lists and scalars), read
 * through typed accessors whose errors name the action and the key.
 */
final class ActionSettings {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A PEM file of CA certificates to trust besides the JVM's trust store. */
    static final String CA_BUNDLE_FILE = "ca_bundle_file";
    /** Keys every action may have besides its type's own. */
    private static final Set<String> COMMON_KEYS = Set.of("type", "timeout");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private final String name;
    private final String type;
    private final Map<String, Object> values;
    private final SecretSource secrets;

    ActionSettings(String name, String type, Map<String, Object> values, SecretSource secrets) {
        this.name = name;
        this.type = type;
        this.values = Map.copyOf(values);
        this.secrets = secrets;
    }

    /** Rejects keys the action type doesn't know, so a typo fails at start-up instead of being ignored. */
    void allowOnly(Set<String> keys, Set<String> secretKeys) {
        Set<String> allowed = new TreeSet<>(COMMON_KEYS);
        allowed.addAll(keys);
        secretKeys.forEach(base -> allowed.addAll(List.of(base + "_env", base + "_file")));
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw error("unknown key(s) " + unknown + "; allowed: " + allowed);
        }
    }

    String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> error("missing key '" + key + "'"));
    }

    Optional<String> optionalString(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List || value.toString().isBlank()) {
            throw error("key '" + key + "' must be a non-empty string");
        }
        return Optional.of(value.toString().trim());
    }

    /**
     * An absolute http(s) URL without a trailing slash, so paths can be appended. Errors show the URL
     * as a {@link RedactedUrl}, or not at all when it doesn't parse: it may embed a password.
     */
    URI httpUrl(String key, Optional<String> fallback) {
        String text = optionalString(key).or(() -> fallback).orElseThrow(() -> error("missing key '" + key + "'"));
        URI uri;
        try {
            uri = new URI(text.replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            // Its message quotes the whole text; the reason and the position say enough.
            throw error("key '" + key + "' is not a valid URL (" + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "") + ")");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw error("key '" + key + "' must be an http or https URL with a host, was '" + RedactedUrl.of(text) + "'");
        }
        return uri;
    }

    /** An {@link #httpUrl} that may not embed credentials: the target authenticates otherwise. */
    URI httpUrlWithoutCredentials(String key, String why) {
        URI uri = httpUrl(key, Optional.empty());
        if (uri.getRawUserInfo() != null) {
            throw error("key '" + key + "' must not contain user:password@ (" + why + "), was '"
                    + RedactedUrl.of(uri) + "'");
        }
        return uri;
    }

    /**
     * The trust of {@code ca_bundle_file}: the JVM's default CAs plus the PEM file's certificates.
     * Empty without the key (the JVM's trust store alone).
     */
    Optional<TlsTrust> caBundle() {
        return optionalString(CA_BUNDLE_FILE).map(file -> {
            try {
                return TlsTrust.withBundle(Path.of(file));
            } catch (IllegalArgumentException e) {
                throw error("key '" + CA_BUNDLE_FILE + "' names '" + file + "', but " + e.getMessage());
            }
        });
    }

    int port(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw error("missing key '" + key + "'");
        }
        try {
            int port = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw error("key '" + key + "' must be a port number (1-65535), was '" + value + "'");
        }
    }

    /** A list of strings; a single string counts as a list of one. */
    List<String> stringList(String key) {
        Object value = values.get(key);
        List<?> items = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        List<String> strings = new ArrayList<>();
        for (Object item : items) {
            if (item == null || item instanceof Map || item instanceof List || item.toString().isBlank()) {
                throw error("key '" + key + "' must hold non-empty strings");
            }
            strings.add(item.toString().trim());
        }
        if (strings.isEmpty()) {
            throw error("key '" + key + "' needs at least one entry");
        }
        return List.copyOf(strings);
    }

    Map<String, Object> optionalObject(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error("key '" + key + "' must be an object (a map)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    /** The value of a key that must be one of {@code choices}. */
    String oneOf(String key, Optional<String> fallback, Set<String> choices) {
        String value = optionalString(key).or(() -> fallback).orElseThrow(() -> error("missing key '" + key + "'"));
        if (!choices.contains(value)) {
            throw error("key '" + key + "' must be one of " + new TreeSet<>(choices) + ", was '" + value + "'");
        }
        return value;
    }

    /** The per-request timeout: {@code timeout} as seconds or "500ms" / "10s" / "1m". */
    Duration timeout() {
        Object value = values.get("timeout");
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        Duration timeout;
        if (value instanceof Number n) {
            timeout = Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        } else {
            Matcher m = DURATION.matcher(value.toString().trim());
            if (!m.matches()) {
                throw error("key 'timeout' must be seconds or a duration like 500ms, 10s, 1m; was '" + value + "'");
            }
            long amount = Long.parseLong(m.group(1));
            timeout = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw error("key 'timeout' must be positive");
        }
        return timeout;
    }

    /** The secret named by {@code base_env} or {@code base_file} (exactly one of them). */
    Secret secret(String base) {
        return optionalSecret(base)
                .orElseThrow(() -> error("missing key '" + base + "_env' (or '" + base + "_file')"));
    }

    Optional<Secret> optionalSecret(String base) {
        Optional<String> env = optionalString(base + "_env");
        Optional<String> file = optionalString(base + "_file");
        if (env.isPresent() && file.isPresent()) {
            throw error("give either '" + base + "_env' or '" + base + "_file', not both");
        }
        return env.map(secrets::environmentVariable).or(() -> file.map(f -> secrets.file(Path.of(f))));
    }

    /** Checks that either all or none of the given secrets are configured. */
    void allOrNone(String... bases) {
        Set<Boolean> present = new HashSet<>();
        for (String base : bases) {
            present.add(values.containsKey(base + "_env") || values.containsKey(base + "_file"));
        }
        if (present.size() > 1) {
            throw error("give all or none of " + List.of(bases) + " (each as *_env or *_file)");
        }
    }

    ActionConfigException error(String message) {
        return new ActionConfigException("action '" + name + "' (type " + type + "): " + message);
    }
}
