package io.modelwatch.retraining.action;

import io.modelwatch.retraining.decision.Decision;

/**
 * Where one configured action delivers a decision: a retraining pipeline or a notification channel.
 *
 * <p>{@link #deliver} makes one synchronous attempt and never throws for a delivery problem: it
 * classifies it, so the caller decides about retries (see {@link RetryPolicy}). Implementations are
 * safe for concurrent use. Secrets are read only inside {@code deliver}.
 */
public interface RetrainingTarget extends AutoCloseable {

    /** One attempt to deliver the decision. */
    DeliveryResult deliver(Decision decision);

    /** The request {@link #deliver} would send now, with every secret masked; sends nothing. */
    OutgoingRequest preview(Decision decision);

    /** Releases connections the target holds; the default holds none. */
    @Override
    default void close() {}
}
