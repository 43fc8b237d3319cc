package io.modelwatch.retraining.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The deterministic key of one decision: the same (model, version, rule, window end) always gives
 * the same key, so a replayed decision is recognised by Airflow (dag_run_id), Step Functions
 * (execution name) and webhook receivers (webhook-id).
 *
 * <p>The key uses only {@code [0-9A-Za-z_-]} and is at most 80 characters, the strictest of the
 * targets (Step Functions execution names). A hash of the full tuple keeps keys unique when the
 * readable part had to be shortened or had characters replaced.
 */
public final class IdempotencyKey {
    public static final int MAX_LENGTH = 80;
    private static final DateTimeFormatter WINDOW_END =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int HASH_CHARS = 12;

    private IdempotencyKey() {}

    public static String of(String model, String modelVersion, String rule, Instant windowEnd) {
        String hash = sha256Hex(model + '\u0000' + modelVersion + '\u0000' + rule + '\u0000' + windowEnd.toEpochMilli())
                .substring(0, HASH_CHARS);
        String tail = "-" + WINDOW_END.format(windowEnd) + "-" + hash;
        String readable = "mw-" + sanitize(model) + "-" + sanitize(modelVersion) + "-" + sanitize(rule);
        int room = MAX_LENGTH - tail.length();
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        return readable + tail;
    }

    private static String sanitize(String part) {
        return part.replaceAll("[^0-9A-Za-z_-]", "_");
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
