package io.modelwatch.retraining.action;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A credential whose value is read only when a request is about to be sent: building a target or
 * previewing its request never needs it, so a dry run works with no secret set. The value is never
 * part of {@link #toString()} or of any message; {@link #origin()} says where it comes from instead.
 */
public final class Secret {
    public static final String MASK = "****";

    private final String origin;
    private final Supplier<Optional<String>> value;

    Secret(String origin, Supplier<Optional<String>> value) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Where the value comes from, e.g. "environment variable AIRFLOW_PASSWORD"; never the value. */
    public String origin() {
        return origin;
    }

    /** The value, or a permanent failure naming {@link #origin()} when it is missing or empty. */
    public String reveal() throws DeliveryFailure {
        return value.get().filter(v -> !v.isEmpty())
                .orElseThrow(() -> DeliveryFailure.permanent("secret missing: " + origin + " is not set or empty"));
    }

    @Override
    public String toString() {
        return MASK;
    }
}
