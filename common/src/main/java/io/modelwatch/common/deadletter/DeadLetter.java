package io.modelwatch.common.deadletter;

import io.modelwatch.common.text.OneLine;
import java.nio.charset.StandardCharsets;

/**
 * A record that could not be processed, as written to {@code monitoring-dead-letter} and
 * {@code retraining-dead-letter} (docs/ARCHITECTURE.md section 5).
 *
 * @param sourceTopic the topic (or file) the record came from
 * @param partition -1 when the source has no partitions
 * @param offset the record's offset, or its line number in a file
 * @param error why it was rejected, e.g. {@code timestamp: is required}: one line, whatever the record holds
 * @param payload the original record as text, at most {@value #MAX_PAYLOAD_BYTES} bytes of it
 */
public record DeadLetter(String sourceTopic, int partition, long offset, String error, String payload) {
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public static DeadLetter of(String sourceTopic, int partition, long offset, String error, byte[] payload) {
        // A reason may quote the record (a model name, a timestamp's text): its control characters are escaped.
        return new DeadLetter(sourceTopic, partition, offset, OneLine.of(error), truncatedText(payload));
    }

    private static String truncatedText(byte[] payload) {
        int length = Math.min(payload.length, MAX_PAYLOAD_BYTES);
        // Step back to a character boundary so the cut never leaves half a UTF-8 sequence.
        while (length < payload.length && length > 0 && (payload[length] & 0xC0) == 0x80) {
            length--;
        }
        return new String(payload, 0, length, StandardCharsets.UTF_8);
    }
}
