package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares a report with an oracle's expectation: every key the expectation has must be in the
 * report with the same value, numbers within a relative tolerance (partial results merge in a
 * different order than NumPy sums). Keys the expectation lacks are not checked.
 */
final class JsonOracle {
    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-12;

    private JsonOracle() {}

    static void assertMatches(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNull()) {
            assertThat(actual == null || actual.isNull()).as(path + " is null").isTrue();
        } else if (expected.isObject()) {
            assertThat(actual).as(path).isNotNull();
            assertThat(actual.isObject()).as(path + " is an object").isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertMatches(field.getValue(), actual.get(field.getKey()), path + "." + field.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " length").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertMatches(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber()) {
            assertThat(actual).as(path).isNotNull();
            assertThat(actual.isNumber()).as(path + " is a number, got " + actual).isTrue();
            double want = expected.doubleValue();
            assertThat(actual.doubleValue()).as(path).isCloseTo(want, within(Math.max(ABSOLUTE, Math.abs(want) * RELATIVE)));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
