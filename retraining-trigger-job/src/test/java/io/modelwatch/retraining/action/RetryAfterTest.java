package io.modelwatch.retraining.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void delaySecondsAreReadAsTheyAre() {
        assertThat(RetryAfter.parse(Optional.of("120"), TestTargets.CLOCK)).contains(Duration.ofSeconds(120));
    }

    @Test
    void anHttpDateIsTheWaitFromNow() {
        // NOW is 2026-11-28T03:06:00Z, a Saturday.
        assertThat(RetryAfter.parse(Optional.of("Sat, 28 Nov 2026 03:07:30 GMT"), TestTargets.CLOCK))
                .contains(Duration.ofSeconds(90));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse(Optional.of("Sat, 28 Nov 2026 03:00:00 GMT"), TestTargets.CLOCK))
                .contains(Duration.ZERO);
    }

    @Test
    void absentOrUnreadableValuesGiveNoHint() {
        assertThat(RetryAfter.parse(Optional.empty(), TestTargets.CLOCK)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("soon"), TestTargets.CLOCK)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("-5"), TestTargets.CLOCK)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("99999999999999999999999"), TestTargets.CLOCK)).isEmpty();
    }

    @Test
    void anEpochSecondResetIsTheWaitUntilThen() {
        long inFiveMinutes = TestTargets.NOW.getEpochSecond() + 300;
        assertThat(RetryAfter.untilEpochSecond(Optional.of(Long.toString(inFiveMinutes)), TestTargets.CLOCK))
                .contains(Duration.ofMinutes(5));
    }
}
