package io.modelwatch.monitoring.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The per-instance pre-aggregation, driven by hand: which partials it sends when, what it sends
 * late, which watermarks it passes on, and that a checkpoint taken mid-window restores every
 * observation exactly once. Expected counts are the events fed in.
 */
class LocalWindowsTest {
    private static final AccumulatorLimits LIMITS = AccumulatorLimits.defaults();
    private static final OutputTag<Observation> LATE = new OutputTag<>("late") {};
    private static final long MINUTE = 60_000;
    private static final Duration LATENESS = Duration.ofSeconds(30);

    private static OneInputStreamOperatorTestHarness<Observation, PartialWindow> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new LocalWindows(ModelCatalog.empty(LIMITS), Duration.ofMinutes(1), LATENESS, 4, LATE));
    }

    private static StreamRecord<Observation> event(String model, long timeMs) {
        PredictionEvent event = new PredictionEvent("p-" + timeMs, model, "v1", Instant.ofEpochMilli(timeMs),
                Map.of("x", FeatureValue.ofNumber(timeMs)), "1", null, null, 5.0, null);
        return new StreamRecord<>(Observation.of(IncomingEvent.accepted("events", 0, timeMs, event, new byte[0])), timeMs);
    }

    private static StreamRecord<Observation> outcome(long labelTimeMs) {
        LabeledOutcome outcome = new LabeledOutcome("p", "m", "v1", "1", "0", Instant.ofEpochMilli(0),
                Instant.ofEpochMilli(labelTimeMs));
        return new StreamRecord<>(Observation.of(outcome), labelTimeMs);
    }

    private static List<PartialWindow> partials(OneInputStreamOperatorTestHarness<Observation, PartialWindow> harness) {
        return harness.extractOutputValues();
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<Observation, PartialWindow> harness) {
        return harness.getOutput().stream().filter(Watermark.class::isInstance)
                .map(mark -> ((Watermark) mark).getTimestamp()).toList();
    }

    @Test
    void aWindowsPartialLeavesWhenTheWatermarkPassesItsEndStampedWithItsLastMillisecond() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(event("m", 1_000));
            harness.processElement(event("m", 59_999));
            harness.processElement(event("m", 60_000));
            harness.processElement(outcome(30_000));
            harness.processWatermark(new Watermark(59_998));
            assertThat(partials(harness)).isEmpty();

            harness.processWatermark(new Watermark(59_999));

            assertThat(partials(harness)).singleElement().satisfies(partial -> {
                assertThat(partial.windowStart()).isZero();
                assertThat(partial.windowEnd()).isEqualTo(MINUTE);
                assertThat(partial.accumulator().predictions()).isEqualTo(2);
                assertThat(partial.accumulator().performance().labeled()).isEqualTo(1);
            });
            assertThat(harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                    .map(record -> ((StreamRecord<?>) record).getTimestamp())).containsExactly(MINUTE - 1);
        }
    }

    @Test
    void anOutcomeCountsInTheWindowItsLabelBecameKnownInAndALabelBeforeItsPredictionFromThePrediction() throws Exception {
        try (var harness = harness()) {
            harness.open();
            // Emitted by the join with its prediction's timestamp (50 s); the label came at 130 s.
            LabeledOutcome late = new LabeledOutcome("p1", "m", "v1", "1", "0", Instant.ofEpochMilli(50_000),
                    Instant.ofEpochMilli(130_000));
            // A label stamped at 59 s for a prediction made at 61 s.
            LabeledOutcome early = new LabeledOutcome("p2", "m", "v1", "1", "1", Instant.ofEpochMilli(61_000),
                    Instant.ofEpochMilli(59_000));
            harness.processElement(new StreamRecord<>(Observation.of(late), 50_000));
            harness.processElement(new StreamRecord<>(Observation.of(early), 59_000));
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            assertThat(partials(harness)).extracting(PartialWindow::windowStart).containsExactlyInAnyOrder(MINUTE, 2 * MINUTE);
        }
    }

    @Test
    void modelsAndVersionsGetPartialsOfTheirOwnAndNothingIsLeftAfterTheLastWindow() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(event("a", 1_000));
            harness.processElement(event("b", 2_000));
            harness.processElement(event("a", 3_000));
            harness.processElement(event("a", 61_000));
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            assertThat(partials(harness)).extracting(partial -> partial.model() + "@" + partial.windowStart() + "="
                    + partial.accumulator().predictions())
                    .containsExactlyInAnyOrder("a@0=2", "b@0=1", "a@60000=1");
            // A snapshot after the last window holds no partial: the operator's state is empty.
            OperatorSubtaskState snapshot = harness.snapshot(1, 1);
            try (var restored = harness()) {
                restored.initializeState(snapshot);
                restored.open();
                restored.processWatermark(new Watermark(Long.MAX_VALUE));
                assertThat(partials(restored)).isEmpty();
            }
        }
    }

    @Test
    void anObservationPastItsWindowsAllowedLatenessGoesToTheLateOutputAndOneWithinItToANewPartial() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(event("m", 1_000));
            harness.processWatermark(new Watermark(MINUTE + 10_000));
            harness.processElement(event("m", 2_000)); // window ended, lateness (30 s) not over: a second partial
            harness.processWatermark(new Watermark(MINUTE + 20_000));
            harness.processWatermark(new Watermark(MINUTE - 1 + 30_000)); // the lateness of window 0 is over
            harness.processElement(event("m", 3_000));

            assertThat(partials(harness)).extracting(partial -> partial.accumulator().predictions()).containsExactly(1L, 1L);
            assertThat(harness.getSideOutput(LATE)).extracting(record -> record.getValue().prediction().predictionId())
                    .containsExactly("p-3000");
        }
    }

    @Test
    void watermarksArePassedOnOnlyWhenTheyEndAWindowOrItsLateness() throws Exception {
        try (var harness = harness()) {
            harness.open();
            for (long time = 0; time < 3 * MINUTE; time += 1_000) {
                harness.processElement(event("m", time));
                harness.processWatermark(new Watermark(time));
            }
            // The first watermark; window ends at 59,999 and 119,999; allowed lateness (30 s) ends at
            // 29,999 (of the window before 0, which may have partials elsewhere), 89,999 and 149,999.
            assertThat(watermarks(harness)).containsExactly(0L, 30_000L, 60_000L, 90_000L, 120_000L, 150_000L);
        }
    }

    @Test
    void beforeGoingIdleItSendsEveryPartialItHoldsAndTheLatestWatermark() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(event("m", 1_000));
            harness.processWatermark(new Watermark(0));
            harness.processElement(event("m", 2_000));
            harness.processWatermark(new Watermark(1_000));

            harness.processWatermarkStatus(WatermarkStatus.IDLE);

            assertThat(partials(harness)).extracting(partial -> partial.accumulator().predictions()).containsExactly(2L);
            assertThat(watermarks(harness)).containsExactly(0L, 1_000L);
            assertThat(List.copyOf(harness.getOutput())).last().isEqualTo(WatermarkStatus.IDLE);
        }
    }

    @Test
    void aRestartFromACheckpointTakenMidWindowCountsEveryObservationOnce() throws Exception {
        OperatorSubtaskState midWindow;
        try (var harness = harness()) {
            harness.open();
            harness.processElement(event("m", 1_000));
            harness.processElement(event("m", 2_000));
            midWindow = harness.snapshot(1, 1);
            // After the checkpoint, then lost in a failure: replayed from the source below.
            harness.processElement(event("m", 3_000));
        }
        try (var restored = harness()) {
            restored.initializeState(midWindow);
            restored.open();
            restored.processElement(event("m", 3_000));
            restored.processElement(event("m", 4_000));
            restored.processWatermark(new Watermark(Long.MAX_VALUE));

            assertThat(partials(restored)).singleElement()
                    .satisfies(partial -> assertThat(partial.accumulator().predictions()).isEqualTo(4));
        }
    }
}
