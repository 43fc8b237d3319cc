package io.modelwatch.retraining.action;

/** How one delivery attempt ended, as far as retrying is concerned. */
public enum DeliveryOutcome {
    /** The target accepted the decision. */
    DELIVERED,
    /** The target already had this decision (same idempotency key): a replay, not a failure. */
    DUPLICATE,
    /** Worth another attempt later: no answer, a timeout, throttling or a server error. */
    RETRYABLE,
    /** Another attempt would fail the same way: a rejected request or a configuration error. */
    PERMANENT
}
