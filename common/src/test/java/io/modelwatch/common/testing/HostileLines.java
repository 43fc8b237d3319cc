package io.modelwatch.common.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Seeded mutations of valid JSON-lines records, for the jobs' fuzz tests: dropped and duplicated
 * keys, values of the wrong type, truncation, random bytes, numbers at and past the double's
 * range, extreme timestamps, deep nesting, long strings, control characters, invalid UTF-8,
 * content after the object, a UTF-8 byte order mark, whole lines repeated, blank lines. A line never contains a line break (0x0A), so every line of
 * the output is one record of the file; {@link #isBlank} says which ones a reader skips.
 */
public final class HostileLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLACEHOLDER = "\u0001raw\u0001";
    private static final String[] NUMBERS = {"1e309", "-1e309", "NaN", "Infinity", "-Infinity", "1.7e308", "-1.7e308",
        "1.7976931348623157e308", "4.9e-324", "1e-400", "123456789012345678901234567890", "-0.0", "0x10", "1.", ".5",
        "+1", "01", "1e", "-", "9223372036854775808", "-9223372036854775809", "\"1e309\"", "1E+308"};
    private static final String[] TIMESTAMPS = {"\"0000-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
        "\"+1000000000-01-01T00:00:00Z\"", "9223372036854775807", "-9223372036854775808", "99999999999999999999",
        "-62135596800001", "253402300800000", "\"10000-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"",
        "\"2026-02-30T00:00:00Z\"", "\"2026-03-01T00:00:00\"", "\"\"", "1.5", "\"2026-03-01T00:00:00+25:00\"",
        "\"2026-03-01T24:00:00Z\"", "\"2026-03-01 00:00:00Z\"", "-1", "0", "\"9999-12-31T23:59:59.999999999Z\"",
        "\"2026-03-01T00:00:00.1234567890Z\"", "true", "[]", "{}"};
    private static final String[] TEXTS = {"a\nb", "tab\tbed", "cr\rlf", "nul\u0000", "line\u2028separator",
        "bell\u0007", "é€𝄞", "\u202Eright-to-left", "\uFEFFbom", "  ", "\\", "\"quoted\"", "</script>"};
    private static final String[] NOT_OBJECTS = {"[]", "null", "42", "\"text\"", "true", "{}", "[{}]", "{\"a\":}", "}",
        "{", "{\"a\" 1}", "{'single':1}", "{\"a\":1,}", "[1,2", "\"unterminated"};

    /** One kind of damage; the name shows in the tests' messages. */
    public enum Kind {
        DROP_KEY, DUPLICATE_KEY, WRONG_TYPE, TRUNCATE, FLIP_BYTES, RANDOM_BYTES, EXTREME_NUMBER,
        EXTREME_TIMESTAMP, DEEP_NESTING, LONG_STRING, CONTROL_CHARACTERS, INVALID_UTF8, NOT_AN_OBJECT,
        REPEATED_LINE, TRAILING_CONTENT, BYTE_ORDER_MARK, BLANK_LINE, CARRIAGE_RETURN, ZERO_BYTE, JOB_SPECIFIC
    }

    private final SplittableRandom random;
    private final List<String> timeFields;
    private final List<BiConsumer<ObjectNode, SplittableRandom>> jobSpecific;

    /**
     * @param timeFields the top-level keys that hold timestamps
     * @param jobSpecific further mutations of a record in place (e.g. an unknown model), one chosen
     *     when {@link Kind#JOB_SPECIFIC} is
     */
    public HostileLines(long seed, List<String> timeFields, List<BiConsumer<ObjectNode, SplittableRandom>> jobSpecific) {
        this.random = new SplittableRandom(seed);
        this.timeFields = List.copyOf(timeFields);
        this.jobSpecific = List.copyOf(jobSpecific);
    }

    public SplittableRandom random() {
        return random;
    }

    /** The lines of a valid record, damaged in one random way: usually one line, two for a repeated one. */
    public List<byte[]> mutate(ObjectNode valid) {
        Kind[] kinds = Kind.values();
        Kind kind = kinds[random.nextInt(kinds.length)];
        if (kind == Kind.JOB_SPECIFIC && jobSpecific.isEmpty()) {
            kind = Kind.WRONG_TYPE;
        }
        return mutate(valid.deepCopy(), kind);
    }

    public List<byte[]> mutate(ObjectNode record, Kind kind) {
        byte[] line = switch (kind) {
            case DROP_KEY -> {
                ObjectNode holder = randomObject(record);
                List<String> names = names(holder);
                if (!names.isEmpty()) {
                    holder.remove(names.get(random.nextInt(names.size())));
                }
                yield bytes(record);
            }
            case DUPLICATE_KEY -> {
                List<String> names = names(record);
                String name = names.isEmpty() ? "model" : names.get(random.nextInt(names.size()));
                String text = text(record);
                String duplicate = "\"" + name + "\":" + randomValue() + ",";
                yield utf8(random.nextBoolean() ? "{" + duplicate + text.substring(1)
                        : text.substring(0, text.length() - 1) + "," + duplicate.substring(0, duplicate.length() - 1) + "}");
            }
            case WRONG_TYPE -> {
                ObjectNode holder = randomObject(record);
                List<String> names = names(holder);
                String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
                yield withRaw(record, holder, name, randomValue());
            }
            case TRUNCATE -> {
                byte[] bytes = bytes(record);
                yield Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case FLIP_BYTES -> {
                byte[] bytes = bytes(record);
                for (int i = random.nextInt(1, 6); i > 0; i--) {
                    bytes[random.nextInt(bytes.length)] = randomByte();
                }
                yield bytes;
            }
            case RANDOM_BYTES -> {
                byte[] bytes = new byte[random.nextInt(1, 200)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = randomByte();
                }
                yield bytes;
            }
            case EXTREME_NUMBER -> {
                List<Leaf> numbers = leaves(record, JsonNode::isNumber);
                Leaf leaf = numbers.isEmpty() ? new Leaf(record, "latency_ms") : numbers.get(random.nextInt(numbers.size()));
                yield withRaw(record, leaf.holder(), leaf.name(), NUMBERS[random.nextInt(NUMBERS.length)]);
            }
            case EXTREME_TIMESTAMP -> withRaw(record, record, timeFields.get(random.nextInt(timeFields.size())),
                    TIMESTAMPS[random.nextInt(TIMESTAMPS.length)]);
            case DEEP_NESTING -> {
                int depth = new int[] {10, 500, 999, 1000, 1001, 5000, 100_000}[random.nextInt(7)];
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                ObjectNode holder = randomObject(record);
                List<String> names = names(holder);
                String name = names.isEmpty() || random.nextBoolean() ? "deep" : names.get(random.nextInt(names.size()));
                yield withRaw(record, holder, name, open.repeat(depth) + "1" + close.repeat(depth));
            }
            case LONG_STRING -> {
                List<Leaf> strings = leaves(record, JsonNode::isTextual);
                Leaf leaf = strings.isEmpty() ? new Leaf(record, "model") : strings.get(random.nextInt(strings.size()));
                int length = new int[] {1_000, 70_000, 300_000, 1_100_000}[random.nextInt(4)];
                leaf.holder().put(leaf.name(), "x".repeat(length));
                yield bytes(record);
            }
            case CONTROL_CHARACTERS -> {
                List<Leaf> strings = leaves(record, JsonNode::isTextual);
                Leaf leaf = strings.isEmpty() ? new Leaf(record, "model") : strings.get(random.nextInt(strings.size()));
                leaf.holder().put(leaf.name(), leaf.holder().path(leaf.name()).asText() + TEXTS[random.nextInt(TEXTS.length)]);
                yield bytes(record);
            }
            case INVALID_UTF8 -> invalidUtf8(bytes(record));
            case NOT_AN_OBJECT -> utf8(NOT_OBJECTS[random.nextInt(NOT_OBJECTS.length)]);
            case REPEATED_LINE -> bytes(record);
            case TRAILING_CONTENT -> utf8(text(record) + new String[] {text(record), " x", "}", ",", " null", "\t{}"}[random.nextInt(6)]);
            case BYTE_ORDER_MARK -> utf8("\uFEFF" + text(record)); // UTF-8's own: valid, and skipped
            case BLANK_LINE -> utf8(new String[] {"", " ", "\t \t", "\r", " \r"}[random.nextInt(5)]);
            case CARRIAGE_RETURN -> utf8(text(record) + "\r");
            case ZERO_BYTE -> {
                byte[] bytes = bytes(record);
                bytes[random.nextInt(bytes.length)] = 0;
                yield bytes;
            }
            case JOB_SPECIFIC -> {
                jobSpecific.get(random.nextInt(jobSpecific.size())).accept(record, random);
                yield bytes(record);
            }
        };
        return kind == Kind.REPEATED_LINE ? List.of(line, line.clone()) : List.of(line);
    }

    /** Whether a JSON-lines reader skips the line: nothing but spaces and tabs once a final carriage return is cut. */
    public static boolean isBlank(byte[] line) {
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The line as a reader hands it on: without a final carriage return. */
    public static byte[] withoutCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }

    /** The lines as a file, each ended by a line break. */
    public static byte[] file(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    public static String text(JsonNode record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode record) {
        return utf8(text(record));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8(byte[] bytes) {
        byte[][] inserts = {{(byte) 0xC3}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xFC, (byte) 0xBF}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(4)) {
            case 0 -> {
                out.write(0xFF);
                out.write(0xFE);
                out.writeBytes(bytes);
            }
            case 1 -> {
                out.writeBytes(bytes);
                out.write(0xC3);
            }
            default -> {
                int at = random.nextInt(bytes.length + 1);
                out.write(bytes, 0, at);
                out.writeBytes(inserts[random.nextInt(inserts.length)]);
                out.write(bytes, at, bytes.length - at);
            }
        }
        return out.toByteArray();
    }

    /** The record with {@code holder.name} set to raw JSON text (which may not be JSON at all). */
    private static byte[] withRaw(ObjectNode record, ObjectNode holder, String name, String raw) {
        holder.put(name, PLACEHOLDER);
        String placeholder = text(JSON.getNodeFactory().textNode(PLACEHOLDER));
        return utf8(text(record).replace(placeholder, raw));
    }

    private String randomValue() {
        return switch (random.nextInt(10)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "[]";
            case 3 -> "{}";
            case 4 -> "\"text\"";
            case 5 -> Integer.toString(random.nextInt(-1000, 1000));
            case 6 -> "[1,\"two\",{\"three\":3}]";
            case 7 -> "{\"nested\":{\"deeper\":[null]}}";
            case 8 -> "\"\"";
            default -> Double.toString(random.nextDouble() * 1e6);
        };
    }

    /** Any byte but the line break. */
    private byte randomByte() {
        int b = random.nextInt(255);
        return (byte) (b >= '\n' ? b + 1 : b);
    }

    /** The record itself or one of the objects in it. */
    private ObjectNode randomObject(ObjectNode record) {
        List<Leaf> objects = leaves(record, JsonNode::isObject);
        if (objects.isEmpty() || random.nextBoolean()) {
            return record;
        }
        Leaf leaf = objects.get(random.nextInt(objects.size()));
        return (ObjectNode) leaf.holder().get(leaf.name());
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Leaf(ObjectNode holder, String name) {}

    private interface NodeTest {
        boolean test(JsonNode node);
    }

    /** Fields of the record and of the objects in it (not in arrays) whose value passes {@code test}. */
    private static List<Leaf> leaves(ObjectNode record, NodeTest test) {
        List<Leaf> found = new ArrayList<>();
        collect(record, test, found);
        return found;
    }

    private static void collect(ObjectNode node, NodeTest test, List<Leaf> found) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (test.test(field.getValue())) {
                found.add(new Leaf(node, field.getKey()));
            }
            if (field.getValue() instanceof ObjectNode child) {
                collect(child, test, found);
            }
        }
    }
}
