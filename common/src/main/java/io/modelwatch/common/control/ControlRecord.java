package io.modelwatch.common.control;

import java.nio.charset.StandardCharsets;

/**
 * One record of a compacted control topic ({@code model-profiles}, {@code retraining-rules}) as it
 * was read: its key, its value, when it was written and where it is.
 *
 * @param timestamp the record's Kafka timestamp, epoch milliseconds
 * @param key the record's key as text, or null when it has none
 * @param value the record's value, or null for a tombstone (which removes the key)
 */
public record ControlRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value) {

    public static ControlRecord of(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        return new ControlRecord(topic, partition, offset, timestamp,
                key == null ? null : new String(key, StandardCharsets.UTF_8), value);
    }

    public boolean isTombstone() {
        return value == null;
    }
}
