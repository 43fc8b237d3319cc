package io.modelwatch.retraining.delivery;

import io.modelwatch.retraining.action.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the job delivers decisions to their actions.
 *
 * @param capacity how many deliveries one subtask keeps in flight (waiting for an answer or for
 *     their next attempt); beyond it the operator applies backpressure
 * @param threads how many blocking target calls one subtask makes at once
 * @param attemptTimeout the limit of one attempt (connect, send, answer)
 * @param timeout the limit of a whole delivery, retries and their waits included; a delivery that
 *     reaches it ends as {@link FinalOutcome#TIMED_OUT}
 * @param retry when to try again after a retryable failure
 */
public record DeliverySettings(int capacity, int threads, Duration attemptTimeout, Duration timeout,
        RetryPolicy retry) implements Serializable {

    public DeliverySettings {
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        if (capacity < 1 || threads < 1) {
            throw new IllegalArgumentException("delivery capacity and threads must be at least 1");
        }
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("the attempt timeout must be positive: " + attemptTimeout);
        }
        if (timeout.compareTo(attemptTimeout) < 0) {
            throw new IllegalArgumentException("the delivery timeout (" + timeout
                    + ") must be at least the attempt timeout (" + attemptTimeout + ")");
        }
    }

    /**
     * 16 deliveries in flight on 4 threads, 10 s per attempt, the default {@link RetryPolicy} (5
     * attempts, 1 s doubling to 1 min) and 5 minutes in all: room for every attempt and backoff.
     */
    public static DeliverySettings defaults() {
        return new DeliverySettings(16, 4, Duration.ofSeconds(10), Duration.ofMinutes(5), RetryPolicy.defaults());
    }
}
