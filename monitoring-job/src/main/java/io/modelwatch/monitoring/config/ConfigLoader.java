package io.modelwatch.monitoring.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the job's configuration: the defaults, then a YAML file, then {@code --key value}
 * overrides (dotted keys for nested ones; {@code kafka.properties.<name>} sets one Kafka client
 * property). Unknown keys, values of the wrong type and broken rules are reported all at once.
 */
public final class ConfigLoader {
    private static final String DEFAULTS = "monitoring-defaults.yaml";
    private static final String KAFKA_PROPERTIES = "kafka.properties.";
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("durations").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private ConfigLoader() {}

    /** From {@code --config FILE} and {@code --key value} arguments, as the job's main gets them. */
    public static MonitoringConfig fromArgs(String... args) throws ConfigException {
        Path file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new ConfigException("arguments must come as --key value pairs; '" + args[i] + "' has no value");
            }
            String key = args[i].substring(2);
            if (key.equals("config")) {
                file = Path.of(args[++i]);
            } else {
                overrides.put(key, args[++i]);
            }
        }
        return load(file, overrides);
    }

    /** @param file a YAML file, or null for the defaults and overrides alone */
    public static MonitoringConfig load(Path file, Map<String, String> overrides) throws ConfigException {
        ObjectNode tree = defaults();
        if (file != null) {
            merge(tree, readFile(file), "");
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            set(tree, override.getKey(), override.getValue());
        }
        MonitoringConfig config;
        try {
            config = YAML.treeToValue(tree, MonitoringConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("config: unknown key '" + path(e) + "'");
        } catch (MismatchedInputException e) {
            throw new ConfigException("config: " + path(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: " + e.getOriginalMessage());
        }
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> "config: " + p).collect(Collectors.joining("\n")));
        }
        return config;
    }

    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in defaults are unreadable", e);
        }
    }

    private static JsonNode readFile(Path file) throws ConfigException {
        try {
            JsonNode node = YAML.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": expected a YAML mapping of configuration keys");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Merges {@code from} into {@code into}: mappings key by key, anything else replaced. */
    private static void merge(ObjectNode into, JsonNode from, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode nested && field.getValue().isObject()
                    && !(prefix + field.getKey()).equals("kafka.properties")) {
                merge(nested, field.getValue(), prefix + field.getKey() + ".");
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void set(ObjectNode tree, String key, String value) throws ConfigException {
        JsonNode scalar = scalar(key, value);
        if (key.startsWith(KAFKA_PROPERTIES)) {
            ((ObjectNode) tree.get("kafka").get("properties")).put(key.substring(KAFKA_PROPERTIES.length()), value);
            return;
        }
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode nested)) {
                throw new ConfigException("config: unknown key '" + key + "'");
            }
            node = nested;
        }
        if (!node.has(parts[parts.length - 1])) {
            throw new ConfigException("config: unknown key '" + key + "'");
        }
        node.set(parts[parts.length - 1], scalar);
    }

    /** An override's value read as YAML, so {@code 4}, {@code true} and {@code null} get their types. */
    private static JsonNode scalar(String key, String value) throws ConfigException {
        try {
            JsonNode node = YAML.readTree(value);
            return node == null || node.isMissingNode() ? YAML.getNodeFactory().textNode(value) : node;
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: " + key + ": cannot read '" + value + "'");
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream().map(reference -> reference.getFieldName() != null
                ? reference.getFieldName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
    }

    private static final class DurationDeserializer extends StdDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                return Durations.parse(parser.getValueAsString());
            } catch (IllegalArgumentException e) {
                throw MismatchedInputException.from(parser, Duration.class, e.getMessage());
            }
        }
    }
}
