package io.modelwatch.monitoring.reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names a profile by its content: {@code sha256:} and the first 16 hex digits of the SHA-256 of
 * its JSON text. The same file published twice has the same id; any change gives a new one.
 */
public final class ProfileId {
    private ProfileId() {}

    public static String of(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
