package io.modelwatch.monitoring.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

class ObservationWindowsTest {
    private static final ObservationWindows MINUTES = new ObservationWindows(Duration.ofMinutes(1));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TimeWindow windowOf(Observation observation, Instant recordTimestamp) {
        return MINUTES.assignWindows(observation, recordTimestamp.toEpochMilli(), new WindowAssigner.WindowAssignerContext() {
            @Override
            public long getCurrentProcessingTime() {
                return 0;
            }
        }).iterator().next();
    }

    private static TimeWindow minute(int index) {
        long start = T0.plus(Duration.ofMinutes(index)).toEpochMilli();
        return new TimeWindow(start, start + 60_000);
    }

    @Test
    void anOutcomeEmittedWithItsPredictionsTimestampLandsInTheWindowItsLabelBecameKnownIn() {
        Instant predicted = T0.plusSeconds(50);
        LabeledOutcome outcome = new LabeledOutcome("p", "m", "v1", "1", "0", predicted, T0.plusSeconds(130));

        assertThat(windowOf(Observation.of(outcome), predicted)).isEqualTo(minute(2));
    }

    @Test
    void aLabelStampedBeforeItsPredictionCountsFromThePrediction() {
        Instant predicted = T0.plusSeconds(61);
        LabeledOutcome outcome = new LabeledOutcome("p", "m", "v1", "1", "0", predicted, T0.plusSeconds(59));

        assertThat(windowOf(Observation.of(outcome), T0.plusSeconds(59))).isEqualTo(minute(1));
    }
}
