package io.modelwatch.retraining.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the {@code *_env} and {@code *_file} references of action configurations to {@link Secret}s.
 * Tests hand it a map instead of the process environment.
 */
public final class SecretSource {
    private final Map<String, String> environment;

    public SecretSource(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The process environment (read at each use, like secret files). */
    public static SecretSource system() {
        return new SecretSource(System.getenv());
    }

    public Secret environmentVariable(String name) {
        return new Secret("environment variable " + name, () -> Optional.ofNullable(environment.get(name)));
    }

    /**
     * A secret kept in a file (a mounted Kubernetes or Docker secret), re-read at each use so a rotated
     * file takes effect; one trailing line break is not part of the value.
     */
    public Secret file(Path path) {
        return new Secret("secret file " + path, () -> {
            try {
                return Optional.of(Files.readString(path, StandardCharsets.UTF_8).replaceFirst("\\R\\z", ""));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
