package io.modelwatch.retraining.delivery;

import io.modelwatch.retraining.action.DeliveryResult;
import io.modelwatch.retraining.action.RetrainingTarget;
import io.modelwatch.retraining.action.RetryPolicy;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers decisions with retries: each attempt is a blocking {@link RetrainingTarget#deliver} call
 * run on the given executor, so the caller's thread never blocks; a retryable failure schedules the
 * next attempt after {@link RetryPolicy#delayFor} (backoff with jitter, or the target's
 * {@code Retry-After} when that is longer), until the policy's attempts are used up.
 */
public final class RetryingDelivery {
    private final ScheduledExecutorService executor;
    private final RetryPolicy policy;
    private final Random random;

    /** @param executor runs the attempts; its thread count bounds the blocking calls in progress */
    public RetryingDelivery(ScheduledExecutorService executor, RetryPolicy policy, Random random) {
        this.executor = executor;
        this.policy = policy;
        this.random = random;
    }

    /** Starts delivering; the first attempt runs as soon as an executor thread is free. */
    public Pending start(DeliveryRequest request, String targetType, RetrainingTarget target) {
        Pending pending = new Pending(request, targetType, target);
        pending.schedule(Duration.ZERO);
        return pending;
    }

    /** A delivery in progress. */
    public final class Pending {
        private final DeliveryRequest request;
        private final String targetType;
        private final RetrainingTarget target;
        private final CompletableFuture<CompletedDelivery> result = new CompletableFuture<>();
        private volatile Future<?> next;
        /** Attempts started, so a timed-out delivery counts the one it interrupted. */
        private volatile int attempts;
        /** The result of the last attempt that ended. */
        private volatile DeliveryResult last;

        private Pending(DeliveryRequest request, String targetType, RetrainingTarget target) {
            this.request = request;
            this.targetType = targetType;
            this.target = target;
        }

        /** Completes once, with the final outcome. */
        public CompletableFuture<CompletedDelivery> result() {
            return result;
        }

        /**
         * Gives up: no further attempt starts and one in progress is interrupted. Returns the outcome
         * that stands, {@link FinalOutcome#TIMED_OUT} unless the delivery ended first.
         */
        public CompletedDelivery timeOut(Duration limit) {
            DeliveryResult seen = last;
            String detail = "no final answer within " + limit.toMillis() + " ms"
                    + (seen == null ? "" : "; last answer: " + seen.detail());
            result.complete(completed(FinalOutcome.TIMED_OUT, seen == null ? DeliveryResult.NO_STATUS : seen.status(),
                    detail));
            Future<?> running = next;
            if (running != null) {
                running.cancel(true);
            }
            return result.join();
        }

        private void schedule(Duration delay) {
            next = executor.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void attempt() {
            if (result.isDone()) {
                return;
            }
            int made = ++attempts;
            DeliveryResult outcome = deliverOnce();
            last = outcome;
            switch (outcome.outcome()) {
                case DELIVERED -> finish(FinalOutcome.DELIVERED, outcome);
                case DUPLICATE -> finish(FinalOutcome.DUPLICATE, outcome);
                case PERMANENT -> finish(FinalOutcome.PERMANENT_FAILURE, outcome);
                case RETRYABLE -> {
                    if (!policy.allowsAnotherAttempt(made)) {
                        finish(FinalOutcome.RETRIES_EXHAUSTED, outcome);
                    } else if (!result.isDone()) {
                        schedule(policy.delayFor(made, outcome.retryAfter(), random));
                    }
                }
            }
        }

        private DeliveryResult deliverOnce() {
            try {
                return target.deliver(request.decision());
            } catch (RuntimeException e) {
                // Targets classify delivery problems themselves; this is a bug, and its message may quote a request.
                return DeliveryResult.permanent(DeliveryResult.NO_STATUS,
                        "the " + targetType + " target failed: " + e.getClass().getName());
            }
        }

        private void finish(FinalOutcome outcome, DeliveryResult result) {
            this.result.complete(completed(outcome, result.status(), result.detail()));
        }

        private CompletedDelivery completed(FinalOutcome outcome, int status, String detail) {
            return new CompletedDelivery(request.decision(), request.action(), targetType, outcome, attempts, status,
                    detail);
        }
    }
}
