package io.modelwatch.monitoring.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.monitoring.groundtruth.ConceptDriftStatus;
import io.modelwatch.monitoring.groundtruth.DetectorKind;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.groundtruth.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ConceptDriftDetectionTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");

    private static KeyedOneInputStreamOperatorTestHarness<ModelVersion, LabeledOutcome, ConceptDriftStatus> harness(
            DetectorKind detector) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ConceptDriftDetection(detector),
                ModelVersion::of, TypeInformation.of(ModelVersion.class));
    }

    /** Outcomes one second apart whose error rate steps from 0.1 to 0.3 at {@code changeAt}. */
    private static List<LabeledOutcome> steppedErrors(String model, int count, int changeAt, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean wrong = random.nextDouble() < (i < changeAt ? 0.1 : 0.3);
            Instant labelTime = T0.plusSeconds(i);
            outcomes.add(new LabeledOutcome("p" + i, model, "v1", "1", wrong ? "0" : "1", labelTime.minusSeconds(60), labelTime));
        }
        return outcomes;
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<ModelVersion, LabeledOutcome, ConceptDriftStatus> harness,
            List<LabeledOutcome> outcomes) throws Exception {
        for (LabeledOutcome outcome : outcomes) {
            harness.processElement(new StreamRecord<>(outcome, outcome.labelTime().toEpochMilli()));
        }
    }

    @Test
    void aStepInTheErrorRateIsReportedAsDriftOnceTheWatermarkPassesTheLabels() throws Exception {
        try (var harness = harness(DetectorKind.DDM)) {
            List<LabeledOutcome> outcomes = steppedErrors("m", 2000, 1000, 7);
            feed(harness, outcomes);
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.processWatermark(new Watermark(T0.plusSeconds(2000).toEpochMilli()));
            List<ConceptDriftStatus> statuses = harness.extractOutputValues();
            ConceptDriftStatus drift = statuses.stream().filter(s -> s.state().equals("drift")).findFirst().orElseThrow();
            assertThat(drift.detector()).isEqualTo("ddm");
            assertThat(drift.model()).isEqualTo("m");
            // detected after the change, within the bound the DDM tests establish (750 outcomes)
            assertThat(drift.since()).isAfterOrEqualTo(T0.plusSeconds(1000)).isBefore(T0.plusSeconds(1750));
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void outcomesArrivingOutOfOrderAreFedInLabelTimeOrder() throws Exception {
        List<LabeledOutcome> ordered = steppedErrors("m", 2000, 1000, 11);
        List<LabeledOutcome> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(3));
        List<ConceptDriftStatus> fromOrdered;
        List<ConceptDriftStatus> fromShuffled;
        try (var harness = harness(DetectorKind.ADWIN)) {
            feed(harness, ordered);
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            fromOrdered = harness.extractOutputValues();
        }
        try (var harness = harness(DetectorKind.ADWIN)) {
            feed(harness, shuffled);
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            fromShuffled = harness.extractOutputValues();
        }
        assertThat(fromOrdered).isNotEmpty();
        assertThat(fromShuffled).isEqualTo(fromOrdered);
    }

    /**
     * Labels often share a label time (a batch of labels written at once). A drift lasts one outcome, and
     * downstream keeps one status per label time, the last: so a label time reports the most severe state any
     * of its outcomes left the detector in, and the state after it at the next label time.
     */
    @Test
    void aDriftAmongOutcomesOfOneLabelTimeIsThatLabelTimesStatus() throws Exception {
        try (var harness = harness(DetectorKind.ADWIN)) {
            List<LabeledOutcome> before = steppedErrors("m", 10_000, 10_000, 5);
            feed(harness, before);
            Instant batchTime = T0.plusSeconds(10_000);
            // 2000 outcomes at 30% errors labelled at one instant: the drift comes a few hundred outcomes in,
            // and the detector is stable again on the next one
            List<LabeledOutcome> batch = steppedErrors("m", 2000, 0, 6).stream()
                    .map(o -> new LabeledOutcome(o.predictionId() + "b", "m", "v1", "1", o.actual(), o.predictionTime(), batchTime))
                    .toList();
            feed(harness, batch);
            LabeledOutcome next = new LabeledOutcome("next", "m", "v1", "1", "1", batchTime, batchTime.plusSeconds(1));
            feed(harness, List.of(next));
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            assertThat(harness.extractOutputStreamRecords()).extracting(record -> record.getTimestamp()).doesNotHaveDuplicates();
            assertThat(harness.extractOutputValues()).containsExactly(
                    new ConceptDriftStatus("m", "v1", "adwin", "stable", null),
                    new ConceptDriftStatus("m", "v1", "adwin", "drift", batchTime),
                    new ConceptDriftStatus("m", "v1", "adwin", "stable", batchTime.plusSeconds(1)));
        }
    }

    /**
     * The detector and the last status emitted are keyed state: after a restore the job goes on as if it had not
     * stopped. The snapshot is taken after a label time that reported a drift while the detector was stable
     * again, so the restored job must still know that its last status said drift.
     */
    @Test
    void theDetectorAndItsLastStatusSurviveARestore() throws Exception {
        List<LabeledOutcome> before = steppedErrors("m", 10_000, 10_000, 5);
        Instant batchTime = T0.plusSeconds(10_000);
        List<LabeledOutcome> batch = steppedErrors("m", 2000, 0, 6).stream()
                .map(o -> new LabeledOutcome(o.predictionId() + "b", "m", "v1", "1", o.actual(), o.predictionTime(), batchTime))
                .toList();
        List<LabeledOutcome> after = steppedErrors("m", 3000, 0, 8).stream()
                .map(o -> new LabeledOutcome(o.predictionId() + "a", "m", "v1", "1", o.actual(), o.predictionTime(),
                        o.labelTime().plusSeconds(10_001)))
                .toList();
        List<ConceptDriftStatus> uninterrupted;
        try (var harness = harness(DetectorKind.ADWIN)) {
            feed(harness, before);
            feed(harness, batch);
            feed(harness, after);
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            uninterrupted = harness.extractOutputValues();
        }

        List<ConceptDriftStatus> resumed = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var harness = harness(DetectorKind.ADWIN)) {
            feed(harness, before);
            feed(harness, batch);
            harness.processWatermark(new Watermark(batchTime.toEpochMilli()));
            resumed.addAll(harness.extractOutputValues());
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ConceptDriftDetection(DetectorKind.ADWIN)),
                ModelVersion::of, TypeInformation.of(ModelVersion.class))) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            feed(restored, after);
            restored.processWatermark(new Watermark(Long.MAX_VALUE));
            resumed.addAll(restored.extractOutputValues());
        }

        assertThat(uninterrupted).extracting(ConceptDriftStatus::state).startsWith("stable", "drift", "stable");
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void eachModelVersionHasItsOwnDetector() throws Exception {
        try (var harness = harness(DetectorKind.DDM)) {
            List<LabeledOutcome> drifting = steppedErrors("a", 2000, 1000, 7);
            // a model that is always right never leaves the stable state
            List<LabeledOutcome> steady = steppedErrors("b", 2000, 5000, 7).stream()
                    .map(o -> new LabeledOutcome(o.predictionId(), "b", "v1", "1", "1", o.predictionTime(), o.labelTime()))
                    .toList();
            for (int i = 0; i < 2000; i++) {
                feed(harness, List.of(drifting.get(i), steady.get(i)));
            }
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(harness.extractOutputValues()).filteredOn(status -> status.model().equals("b"))
                    .as("only the first outcome's status").containsExactly(
                            new ConceptDriftStatus("b", "v1", "ddm", "stable", null));
            assertThat(harness.extractOutputValues()).filteredOn(status -> status.model().equals("a"))
                    .extracting(ConceptDriftStatus::state).contains("drift");
        }
    }

    @Test
    void unknownDetectorNameIsAClearError() {
        assertThatThrownBy(() -> DetectorKind.fromName("page-hinkley"))
                .hasMessage("unknown concept-drift detector 'page-hinkley' (expected ddm or adwin)");
    }

    @Test
    void theFirstOutcomeReportsTheDetectorAsStableAtItsLabelTime() throws Exception {
        try (var harness = harness(DetectorKind.ADWIN)) {
            List<LabeledOutcome> outcomes = steppedErrors("m", 3, 1000, 7);
            feed(harness, outcomes);
            harness.processWatermark(new Watermark(T0.plusSeconds(10).toEpochMilli()));
            assertThat(harness.extractOutputStreamRecords()).singleElement().satisfies(status -> {
                assertThat(status.getValue()).isEqualTo(new ConceptDriftStatus("m", "v1", "adwin", "stable", null));
                assertThat(status.getTimestamp()).isEqualTo(T0.toEpochMilli());
            });
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
