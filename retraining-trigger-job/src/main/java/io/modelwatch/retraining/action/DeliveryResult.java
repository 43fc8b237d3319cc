package io.modelwatch.retraining.action;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The classified result of one delivery attempt.
 *
 * @param status the HTTP status or SMTP reply code, or {@link #NO_STATUS} when no answer arrived
 * @param retryAfter how long the target asked us to wait (its {@code Retry-After} or rate-limit reset)
 * @param detail a short, secret-free explanation for logs and audit records
 */
public record DeliveryResult(DeliveryOutcome outcome, int status, Optional<Duration> retryAfter, String detail) {
    public static final int NO_STATUS = 0;

    public DeliveryResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(detail, "detail");
    }

    public static DeliveryResult delivered(int status, String detail) {
        return new DeliveryResult(DeliveryOutcome.DELIVERED, status, Optional.empty(), detail);
    }

    public static DeliveryResult duplicate(int status, String detail) {
        return new DeliveryResult(DeliveryOutcome.DUPLICATE, status, Optional.empty(), detail);
    }

    public static DeliveryResult retryable(int status, Optional<Duration> retryAfter, String detail) {
        return new DeliveryResult(DeliveryOutcome.RETRYABLE, status, retryAfter, detail);
    }

    public static DeliveryResult permanent(int status, String detail) {
        return new DeliveryResult(DeliveryOutcome.PERMANENT, status, Optional.empty(), detail);
    }
}
