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
