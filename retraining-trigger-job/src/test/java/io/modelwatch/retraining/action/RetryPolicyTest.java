package io.modelwatch.retraining.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.retraining.action.RetryPolicy.Jitter;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Optional<Duration> NO_HINT = Optional.empty();

    private static RetryPolicy policy(Jitter jitter) {
        return new RetryPolicy(6, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), jitter);
    }

    @Test
    void withoutJitterTheBackoffDoublesUntilTheCap() {
        RetryPolicy policy = policy(Jitter.NONE);
        Random random = new Random(1);
        assertThat(policy.delayFor(1, NO_HINT, random)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayFor(2, NO_HINT, random)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayFor(4, NO_HINT, random)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayFor(5, NO_HINT, random)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayFor(30, NO_HINT, random)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void fullJitterSpreadsDelaysBetweenZeroAndTheBackoff() {
        RetryPolicy policy = policy(Jitter.FULL);
        Random random = new Random(42);
        Duration min = Duration.ofDays(1);
        Duration max = Duration.ZERO;
        for (int i = 0; i < 2000; i++) {
            Duration d = policy.delayFor(3, NO_HINT, random);
            assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(4));
            min = d.compareTo(min) < 0 ? d : min;
            max = d.compareTo(max) > 0 ? d : max;
        }
        assertThat(min).isLessThan(Duration.ofMillis(100));
        assertThat(max).isGreaterThan(Duration.ofMillis(3900));
    }

    @Test
    void equalJitterKeepsAtLeastHalfTheBackoff() {
        RetryPolicy policy = policy(Jitter.EQUAL);
        Random random = new Random(7);
        Duration min = Duration.ofDays(1);
        for (int i = 0; i < 2000; i++) {
            Duration d = policy.delayFor(3, NO_HINT, random);
            assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            min = d.compareTo(min) < 0 ? d : min;
        }
        assertThat(min).isLessThan(Duration.ofMillis(2100));
    }

    @Test
    void aLongerRetryAfterWinsEvenBeyondTheCap() {
        RetryPolicy policy = policy(Jitter.FULL);
        assertThat(policy.delayFor(1, Optional.of(Duration.ofSeconds(30)), new Random(3)))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aShorterRetryAfterDoesNotCutTheBackoff() {
        RetryPolicy policy = policy(Jitter.NONE);
        assertThat(policy.delayFor(3, Optional.of(Duration.ofSeconds(1)), new Random(3)))
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void attemptsAreCountedAgainstTheMaximum() {
        RetryPolicy policy = policy(Jitter.NONE);
        assertThat(policy.allowsAnotherAttempt(5)).isTrue();
        assertThat(policy.allowsAnotherAttempt(6)).isFalse();
    }

    @Test
    void theDefaultsStartAtOneSecondAndStayWithinAMinute() {
        RetryPolicy defaults = RetryPolicy.defaults();
        assertThat(defaults.maxAttempts()).isEqualTo(5);
        assertThat(defaults.delayFor(1, NO_HINT, new Random(1))).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(defaults.delayFor(20, NO_HINT, new Random(1))).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    }

    @Test
    void nonsensicalSettingsAreRejected() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), Jitter.NONE))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), 2, Duration.ofSeconds(2), Jitter.NONE))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), Jitter.NONE))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> policy(Jitter.NONE).delayFor(0, NO_HINT, new Random()))
                .hasMessageContaining("start at 1");
    }
}
