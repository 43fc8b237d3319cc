package io.modelwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Expected values written by {@code src/test/oracle/make_oracle.py} (NumPy and SciPy), and the tolerances
 * the statistics must meet against them.
 */
final class Oracle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SAMPLES = read("samples.json");

    private Oracle() {
    }

    static List<JsonNode> cases(String file) {
        return StreamSupport.stream(read(file).spliterator(), false).toList();
    }

    static double[] sample(String name) {
        JsonNode values = SAMPLES.get(name);
        double[] sample = new double[values.size()];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = values.get(i).asDouble();
        }
        return sample;
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new LinkedHashMap<>();
        object.properties().forEach(property -> counts.put(property.getKey(), property.getValue().asLong()));
        return counts;
    }

    /** p-values: within 1e-9 absolutely, and within 0.1 % relatively down to 1e-15. */
    static void assertPValue(double actual, double expected, String description) {
        assertThat(actual).as(description).isCloseTo(expected, within(1e-9));
        if (expected >= 1e-15) {
            assertThat(actual).as(description).isCloseTo(expected, within(1e-3 * expected));
        }
    }

    /** Statistics and scores: within 1e-12 relatively, or 1e-12 absolutely near zero. */
    static void assertScore(double actual, double expected, String description) {
        assertThat(actual).as(description).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
    }

    private static JsonNode read(String file) {
        try (InputStream in = Oracle.class.getResourceAsStream("/oracle/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing oracle file " + file + "; run make_oracle.py");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
