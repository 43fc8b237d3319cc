package io.modelwatch.common.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules a configuration breaks, one message each naming its key, collected so that all are reported at once. */
public final class Problems {
    private final List<String> messages = new ArrayList<>();

    public void add(String message) {
        messages.add(message);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            add(key + ": must be a positive duration, got " + describe(value));
        }
    }

    public void notNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            add(key + ": must be a duration of 0s or more, got " + describe(value));
        }
    }

    public void atLeast(String key, long value, long minimum) {
        if (value < minimum) {
            add(key + ": must be at least " + minimum + ", got " + value);
        }
    }

    public void oneOf(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            add(key + ": must be one of " + allowed.stream().sorted().toList() + ", got " + value);
        }
    }

    /** @param when why the key is needed, e.g. "when reading from or writing to Kafka" */
    public void required(String key, String value, String when) {
        if (value == null || value.isBlank()) {
            add(key + ": required " + when);
        }
    }

    public static String describe(Duration value) {
        return value == null ? "null" : Durations.format(value);
    }
}
