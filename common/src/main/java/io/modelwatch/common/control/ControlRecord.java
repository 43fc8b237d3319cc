package io.modelwatch.common.control;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One record of a compacted control topic ({@code model-profiles}, {@code retraining-rules}) as it
 * was read: its key, its value, its headers, when it was written and where it is.
 *
 * @param timestamp the record's Kafka timestamp, epoch milliseconds
 * @param key the record's key as text, or null when it has none
 * @param value the record's value, or null for a tombstone (which removes the key)
 * @param headers the record's headers as UTF-8 text, the last value of each name
 */
public record ControlRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value,
                            Map<String, String> headers) {

    public ControlRecord {
        headers = Map.copyOf(headers);
    }

    public static ControlRecord of(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                                   Map<String, String> headers) {
        return new ControlRecord(topic, partition, offset, timestamp,
                key == null ? null : new String(key, StandardCharsets.UTF_8), value, headers);
    }

    public boolean isTombstone() {
        return value == null;
    }
}
