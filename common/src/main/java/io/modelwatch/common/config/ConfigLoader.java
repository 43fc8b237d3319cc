package io.modelwatch.common.config;

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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a job's configuration, the same way for both jobs: the built-in defaults (a YAML resource
 * next to the configuration class), then a YAML file, then {@code --key value} overrides (dotted
 * keys for nested ones; {@code kafka.properties.<name>} sets one Kafka client property). Every
 * unknown key and every broken rule is reported at once, one line each.
 *
 * @param <T> the configuration record; its keys are the kebab-case names of its components
 */
public final class ConfigLoader<T extends CheckedConfig> {
    private static final String KAFKA_PROPERTIES = "kafka.properties";
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("durations").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private final Class<T> type;
    private final String defaultsResource;

    /** @param defaultsResource the defaults' resource name, relative to {@code type}'s package */
    public ConfigLoader(Class<T> type, String defaultsResource) {
        this.type = type;
        this.defaultsResource = defaultsResource;
    }

    /** From {@code --config FILE} and {@code --key value} arguments, as a job's main gets them. */
    public T fromArgs(String... args) throws ConfigException {
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
    public T load(Path file, Map<String, String> overrides) throws ConfigException {
        ObjectNode tree = defaults();
        Problems problems = new Problems();
        if (file != null) {
            merge(tree, readFile(file), "", problems);
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            set(tree, override.getKey(), override.getValue(), problems);
        }
        if (problems.messages().isEmpty()) {
            bind(tree).check(problems);
        }
        if (!problems.messages().isEmpty()) {
            throw new ConfigException(problems.messages().stream().map(p -> "config: " + p)
                    .collect(Collectors.joining("\n")));
        }
        return bind(tree);
    }

    private T bind(ObjectNode tree) throws ConfigException {
        try {
            return YAML.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("config: unknown key '" + path(e) + "'");
        } catch (MismatchedInputException e) {
            throw new ConfigException("config: " + path(e) + ": " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: " + oneLine(e.getOriginalMessage()));
        }
    }

    private ObjectNode defaults() {
        try (InputStream in = type.getResourceAsStream(defaultsResource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in defaults " + defaultsResource + " are missing");
            }
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
            throw new ConfigException(file + ": not valid YAML (" + oneLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Merges {@code from} into {@code into}: mappings key by key, anything else replaced; keys the defaults lack are problems. */
    private static void merge(ObjectNode into, JsonNode from, String prefix, Problems problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode existing = into.get(field.getKey());
            if (existing == null && !prefix.equals(KAFKA_PROPERTIES + ".")) {
                problems.add("unknown key '" + key + "'");
            } else if (existing instanceof ObjectNode nested && field.getValue().isObject() && !key.equals(KAFKA_PROPERTIES)) {
                merge(nested, field.getValue(), key + ".", problems);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void set(ObjectNode tree, String key, String value, Problems problems) throws ConfigException {
        JsonNode scalar = scalar(key, value);
        if (key.startsWith(KAFKA_PROPERTIES + ".")) {
            ((ObjectNode) tree.get("kafka").get("properties")).put(key.substring(KAFKA_PROPERTIES.length() + 1), value);
            return;
        }
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(node.get(parts[i]) instanceof ObjectNode nested)) {
                problems.add("unknown key '" + key + "'");
                return;
            }
            node = nested;
        }
        if (!node.has(parts[parts.length - 1])) {
            problems.add("unknown key '" + key + "'");
            return;
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

    /** Text from the input stays on one line in an error. */
    private static String oneLine(String message) {
        return message.replaceAll("[\\r\\n\\t]+", " ");
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
