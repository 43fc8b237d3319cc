package io.modelwatch.retraining.delivery;

import java.util.Locale;

/** How the delivery of one decision to one action ended, after every attempt it got. */
public enum FinalOutcome {
    /** The target accepted the decision. */
    DELIVERED,
    /** The target already had it (same idempotency key): an earlier attempt or a replay got through. */
    DUPLICATE,
    /** The target refused it in a way another attempt would not change. */
    PERMANENT_FAILURE,
    /** Every attempt the retry policy allows failed in a retryable way. */
    RETRIES_EXHAUSTED,
    /** The delivery, retries included, took longer than its time limit. */
    TIMED_OUT;

    public boolean succeeded() {
        return this == DELIVERED || this == DUPLICATE;
    }

    /** The name in audit records and command output: lower case, e.g. {@code retries_exhausted}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
