package io.modelwatch.retraining.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.retraining.action.DeliveryResult;
import io.modelwatch.retraining.action.OutgoingRequest;
import io.modelwatch.retraining.action.RetrainingTarget;
import io.modelwatch.retraining.action.RetryPolicy;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryingDeliveryTest {
    private static final Decision DECISION = Decision.of("credit", "v3", "drift", Severity.CRITICAL,
            Instant.parse("2026-11-28T03:00:00Z"), Instant.parse("2026-11-28T03:05:00Z"), Map.of("max_psi", 0.3),
            List.of("retrain"));
    private static final DeliveryRequest REQUEST = new DeliveryRequest(DECISION, "retrain");
    /** 4 attempts, 20 ms apart without jitter, so the timings below are exact up to scheduling. */
    private static final RetryPolicy POLICY =
            new RetryPolicy(4, Duration.ofMillis(20), 1.0, Duration.ofMillis(20), RetryPolicy.Jitter.NONE);

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
    private final RetryingDelivery delivery = new RetryingDelivery(executor, POLICY, new Random(1));

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** Answers with the scripted results in turn (the last one forever), recording when each attempt came. */
    private static class ScriptedTarget implements RetrainingTarget {
        private final Deque<DeliveryResult> script;
        final List<Long> attemptNanos = new CopyOnWriteArrayList<>();

        ScriptedTarget(DeliveryResult... script) {
            this.script = new ArrayDeque<>(List.of(script));
        }

        @Override
        public synchronized DeliveryResult deliver(Decision decision) {
            attemptNanos.add(System.nanoTime());
            return script.size() > 1 ? script.poll() : script.peek();
        }

        @Override
        public OutgoingRequest preview(Decision decision) {
            throw new UnsupportedOperationException();
        }
    }

    private static DeliveryResult unavailable(Optional<Duration> retryAfter) {
        return DeliveryResult.retryable(503, retryAfter, "HTTP 503");
    }

    private CompletedDelivery deliver(RetrainingTarget target) throws Exception {
        return delivery.start(REQUEST, "webhook", target).result().get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoRetryableFailuresThenSuccessIsDeliveredOnTheThirdAttempt() throws Exception {
        ScriptedTarget target = new ScriptedTarget(unavailable(Optional.empty()), unavailable(Optional.empty()),
                DeliveryResult.delivered(200, "HTTP 200"));

        assertThat(deliver(target)).isEqualTo(new CompletedDelivery(DECISION, "retrain", "webhook",
                FinalOutcome.DELIVERED, 3, 200, "HTTP 200"));
        assertThat(target.attemptNanos).hasSize(3);
    }

    @Test
    void aDuplicateIsASuccessAndEndsTheDelivery() throws Exception {
        ScriptedTarget target = new ScriptedTarget(DeliveryResult.duplicate(409, "exists"));

        CompletedDelivery outcome = deliver(target);

        assertThat(outcome.outcome()).isEqualTo(FinalOutcome.DUPLICATE);
        assertThat(outcome.failed()).isFalse();
        assertThat(target.attemptNanos).hasSize(1);
    }

    @Test
    void aPermanentFailureIsNotRetried() throws Exception {
        ScriptedTarget target = new ScriptedTarget(DeliveryResult.permanent(404, "HTTP 404: no such DAG"),
                DeliveryResult.delivered(200, "HTTP 200"));

        assertThat(deliver(target)).isEqualTo(new CompletedDelivery(DECISION, "retrain", "webhook",
                FinalOutcome.PERMANENT_FAILURE, 1, 404, "HTTP 404: no such DAG"));
        assertThat(target.attemptNanos).hasSize(1);
    }

    @Test
    void retryableFailuresEndAfterThePolicysMaximumAttempts() throws Exception {
        ScriptedTarget target = new ScriptedTarget(unavailable(Optional.empty()));

        CompletedDelivery outcome = deliver(target);

        assertThat(outcome).isEqualTo(new CompletedDelivery(DECISION, "retrain", "webhook",
                FinalOutcome.RETRIES_EXHAUSTED, 4, 503, "HTTP 503"));
        assertThat(outcome.summary()).isEqualTo("retries_exhausted after 4 attempts (webhook retrain): HTTP 503");
        assertThat(target.attemptNanos).hasSize(4);
    }

    @Test
    void theNextAttemptWaitsForTheTargetsRetryAfterWhenItIsLongerThanTheBackoff() throws Exception {
        ScriptedTarget target = new ScriptedTarget(unavailable(Optional.of(Duration.ofMillis(400))),
                DeliveryResult.delivered(200, "HTTP 200"));

        deliver(target);

        long gap = target.attemptNanos.get(1) - target.attemptNanos.get(0);
        assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void timingOutEndsTheDeliveryWithTheAttemptsSoFarAndStopsFurtherAttempts() throws Exception {
        ScriptedTarget target = new ScriptedTarget(unavailable(Optional.of(Duration.ofMillis(300))));
        RetryingDelivery.Pending pending = delivery.start(REQUEST, "webhook", target);
        Thread.sleep(100);

        CompletedDelivery outcome = pending.timeOut(Duration.ofMillis(100));
        Thread.sleep(500);

        assertThat(outcome).isEqualTo(new CompletedDelivery(DECISION, "retrain", "webhook", FinalOutcome.TIMED_OUT, 1,
                503, "no final answer within 100 ms; last answer: HTTP 503"));
        assertThat(pending.result()).isCompletedWithValue(outcome);
        assertThat(target.attemptNanos).hasSize(1);
    }

    @Test
    void aTargetThatThrowsIsAPermanentFailureNamingOnlyTheExceptionClass() throws Exception {
        RetrainingTarget broken = new ScriptedTarget() {
            @Override
            public synchronized DeliveryResult deliver(Decision decision) {
                throw new IllegalStateException("token=abc leaked in a message");
            }
        };

        assertThat(deliver(broken)).isEqualTo(new CompletedDelivery(DECISION, "retrain", "webhook",
                FinalOutcome.PERMANENT_FAILURE, 1, DeliveryResult.NO_STATUS,
                "the webhook target failed: java.lang.IllegalStateException"));
    }

    @Test
    void aFailedDeliverysDeadLetterCarriesTheDecisionAndTheReason() {
        CompletedDelivery failed = new CompletedDelivery(DECISION, "retrain", "airflow", FinalOutcome.PERMANENT_FAILURE,
                1, 404, "HTTP 404: DAG not found");

        assertThat(failed.deadLetter()).satisfies(letter -> {
            assertThat(letter.sourceTopic()).isEqualTo("action:retrain");
            assertThat(letter.partition()).isEqualTo(-1);
            assertThat(letter.offset()).isEqualTo(-1);
            assertThat(letter.error()).isEqualTo("permanent_failure after 1 attempt (airflow retrain): HTTP 404: DAG not found");
            assertThat(letter.payload()).isEqualTo("{\"model\":\"credit\",\"model_version\":\"v3\",\"rule\":\"drift\","
                    + "\"severity\":\"critical\",\"window_start\":\"2026-11-28T03:00:00Z\","
                    + "\"window_end\":\"2026-11-28T03:05:00Z\",\"metrics\":{\"max_psi\":0.3},"
                    + "\"idempotency_key\":\"" + DECISION.idempotencyKey() + "\"}");
        });
    }
}
