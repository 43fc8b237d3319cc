package io.modelwatch.retraining.action;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * When to try a retryable delivery again: exponential backoff with jitter, never sooner than the
 * target's own {@code Retry-After}.
 *
 * @param maxAttempts attempts in total, the first one included
 * @param initialBackoff the backoff after the first failed attempt, before jitter
 * @param multiplier how much the backoff grows with each further failed attempt
 * @param maxBackoff the cap on the backoff before jitter
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
        Jitter jitter) implements Serializable {

    /** How a backoff is randomised so that many failed deliveries don't retry in lockstep. */
    public enum Jitter {
        /** Exactly the exponential backoff. */
        NONE,
        /** Uniform in [0, backoff]: the least contention, but an attempt may come right away. */
        FULL,
        /** Uniform in [backoff / 2, backoff]: keeps at least half the backoff. */
        EQUAL
    }

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(jitter, "jitter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
        }
    }

    /** 5 attempts, 1 s doubling up to 1 min, full jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), Jitter.FULL);
    }

    /** Whether another attempt is allowed after {@code attemptsMade} attempts have failed. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /**
     * The wait before the next attempt, after attempt number {@code attempt} (1 = the first) failed.
     * A {@code Retry-After} longer than the jittered backoff wins: the server knows best when it
     * will take requests again, so it is honoured even beyond {@link #maxBackoff}.
     */
    public Duration delayFor(int attempt, Optional<Duration> retryAfterHint, Random random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, was " + attempt);
        }
        long backoff = backoffNanos(attempt);
        long jittered = switch (jitter) {
            case NONE -> backoff;
            case FULL -> uniform(random, 0, backoff);
            case EQUAL -> backoff / 2 + uniform(random, 0, backoff - backoff / 2);
        };
        Duration delay = Duration.ofNanos(jittered);
        return retryAfterHint.filter(hint -> hint.compareTo(delay) > 0).orElse(delay);
    }

    private long backoffNanos(int attempt) {
        double grown = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
        return (long) Math.min(grown, (double) maxBackoff.toNanos());
    }

    private static long uniform(Random random, long from, long to) {
        return to <= from ? from : from + (long) (random.nextDouble() * (to - from + 1));
    }
}
