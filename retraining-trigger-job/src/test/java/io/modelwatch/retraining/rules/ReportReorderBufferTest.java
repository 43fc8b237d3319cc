package io.modelwatch.retraining.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.retraining.rules.ReportReorderBuffer.Outcome;
import io.modelwatch.retraining.rules.ReportReorderBuffer.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportReorderBufferTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");

    /** A stand-in report: its window end and a label that tells copies apart. */
    private record Report(Instant windowEnd, String label) {}

    private static Report at(int minutes) {
        return new Report(T0.plus(Duration.ofMinutes(minutes)), "m" + minutes);
    }

    private static ReportReorderBuffer<Report> buffer(Duration bound) {
        return new ReportReorderBuffer<>(bound, Report::windowEnd);
    }

    @Test
    void withABoundOfZeroReportsInOrderPassStraightThrough() {
        ReportReorderBuffer<Report> buffer = buffer(Duration.ZERO);
        assertThat(buffer.offer(at(5))).isEqualTo(new Outcome<>(Verdict.ACCEPTED, List.of(at(5))));
        assertThat(buffer.offer(at(10))).isEqualTo(new Outcome<>(Verdict.ACCEPTED, List.of(at(10))));
        assertThat(buffer.flush()).isEmpty();
    }

    @Test
    void reportsAreReleasedInWindowOrderOnceTheBoundHasPassed() {
        ReportReorderBuffer<Report> buffer = buffer(Duration.ofMinutes(10));
        assertThat(buffer.offer(at(10)).released()).isEmpty();
        assertThat(buffer.offer(at(5)).released()).isEmpty();
        assertThat(buffer.offer(at(20)).released()).containsExactly(at(5), at(10));
        assertThat(buffer.offer(at(15)).released()).isEmpty();
        assertThat(buffer.offer(at(25)).released()).containsExactly(at(15));
        assertThat(buffer.flush()).containsExactly(at(20), at(25));
    }

    @Test
    void aReportIsReleasedWhenOneEndingExactlyTheBoundLaterArrives() {
        ReportReorderBuffer<Report> buffer = buffer(Duration.ofMinutes(10));
        buffer.offer(at(5));
        Report oneMilliTooEarly = new Report(T0.plus(Duration.ofMinutes(15)).minusMillis(1), "early");
        assertThat(buffer.offer(oneMilliTooEarly).released()).isEmpty();
        assertThat(buffer.offer(at(15)).released()).containsExactly(at(5));
    }

    @Test
    void aSecondReportForAHeldWindowIsADuplicateAndTheFirstWins() {
        ReportReorderBuffer<Report> buffer = buffer(Duration.ofMinutes(10));
        buffer.offer(at(5));
        assertThat(buffer.offer(new Report(at(5).windowEnd(), "replay")))
                .isEqualTo(new Outcome<Report>(Verdict.DUPLICATE, List.of()));
        assertThat(buffer.flush()).containsExactly(at(5));
    }

    @Test
    void aReportForTheLastReleasedWindowIsADuplicateAndAnOlderOneIsLate() {
        ReportReorderBuffer<Report> buffer = buffer(Duration.ZERO);
        buffer.offer(at(10));
        assertThat(buffer.offer(at(10)).verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(buffer.offer(at(5))).isEqualTo(new Outcome<Report>(Verdict.LATE, List.of()));
        assertThat(buffer.offer(at(15)).released()).containsExactly(at(15));
    }

    @Test
    void afterAFlushOlderReportsAreLate() {
        ReportReorderBuffer<Report> buffer = buffer(Duration.ofHours(1));
        buffer.offer(at(5));
        buffer.offer(at(10));
        assertThat(buffer.flush()).containsExactly(at(5), at(10));
        assertThat(buffer.offer(at(7)).verdict()).isEqualTo(Verdict.LATE);
        assertThat(buffer.offer(at(15))).isEqualTo(new Outcome<Report>(Verdict.ACCEPTED, List.of()));
    }

    @Test
    void aNegativeBoundIsRejected() {
        assertThatThrownBy(() -> buffer(Duration.ofMinutes(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
