package io.modelwatch.monitoring.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.common.json.InvalidEventException;
import io.modelwatch.monitoring.groundtruth.LabelJoinSettings;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.groundtruth.PendingPrediction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path of the join, each ending with no state and no timer left behind. */
class LabelJoinTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");
    private static final LabelJoinSettings SETTINGS =
            new LabelJoinSettings(Duration.ofHours(24), Duration.ofHours(1), Duration.ofDays(7));

    private KeyedTwoInputStreamOperatorTestHarness<String, PredictionEvent, LabelEvent, LabeledOutcome> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new LabelJoin(SETTINGS, "labels"),
                PredictionEvent::predictionId, LabelEvent::predictionId, Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static PredictionEvent prediction(String id, Instant at, String predicted, String inlineActual) {
        return new PredictionEvent(id, "m", "v1", at, Map.of(), predicted, null, inlineActual, 5.0, null);
    }

    private static LabelEvent label(String id, Instant at, String actual) {
        return new LabelEvent(id, "m", actual, at);
    }

    private void predict(PredictionEvent event) throws Exception {
        harness.processElement1(new StreamRecord<>(event, event.timestamp().toEpochMilli()));
    }

    private void labelArrives(LabelEvent event) throws Exception {
        harness.processElement2(new StreamRecord<>(event, event.timestamp().toEpochMilli()));
    }

    private void watermark(Instant at) throws Exception {
        harness.processBothWatermarks(new Watermark(at.toEpochMilli()));
    }

    private void assertNothingLeft() {
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private List<DeadLetter> orphans() {
        return harness.getSideOutput(LabelJoin.ORPHANED_LABELS) == null ? List.of()
                : harness.getSideOutput(LabelJoin.ORPHANED_LABELS).stream().map(StreamRecord::getValue).toList();
    }

    private List<PendingPrediction> unlabeled() {
        return harness.getSideOutput(LabelJoin.UNLABELED) == null ? List.of()
                : harness.getSideOutput(LabelJoin.UNLABELED).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void labelAfterItsPredictionGivesOneOutcomeAndTheStateDrainsAtTheHorizon() throws Exception {
        predict(prediction("p1", T0, "1", null));
        labelArrives(label("p1", T0.plus(Duration.ofMinutes(30)), "0"));
        assertThat(harness.extractOutputValues()).containsExactly(new LabeledOutcome(
                "p1", "m", "v1", "1", "0", T0, T0.plus(Duration.ofMinutes(30))));
        watermark(T0.plus(Duration.ofHours(24)));
        assertThat(unlabeled()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void labelBeforeItsPredictionWaitsForIt() throws Exception {
        labelArrives(label("p1", T0, "1"));
        predict(prediction("p1", T0.minusSeconds(5), "1", null));
        assertThat(harness.extractOutputValues()).containsExactly(new LabeledOutcome(
                "p1", "m", "v1", "1", "1", T0.minusSeconds(5), T0));
        watermark(T0.plus(Duration.ofHours(25)));
        assertThat(orphans()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void predictionWithoutLabelIsUnlabeledAtTheHorizonAndForgotten() throws Exception {
        predict(prediction("p1", T0, "1", null));
        watermark(T0.plus(Duration.ofHours(24)).minusMillis(1));
        assertThat(unlabeled()).isEmpty();
        watermark(T0.plus(Duration.ofHours(24)));
        assertThat(unlabeled()).containsExactly(new PendingPrediction("m", "v1", "1", T0));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void labelWithoutPredictionIsOrphanedAndDeadLettered() throws Exception {
        labelArrives(label("ghost", T0, "1"));
        watermark(T0.plus(Duration.ofHours(1)));
        assertThat(orphans()).singleElement().satisfies(letter -> {
            assertThat(letter.sourceTopic()).isEqualTo("labels");
            assertThat(letter.error()).isEqualTo("orphaned label: no prediction 'ghost' arrived within PT1H of the label");
            assertThat(letter.payload()).contains("\"prediction_id\":\"ghost\"");
        });
        assertNothingLeft();
    }

    @Test
    void firstLabelWinsAndRepeatsAreCountedNotJoined() throws Exception {
        predict(prediction("p1", T0, "1", null));
        labelArrives(label("p1", T0.plusSeconds(60), "1"));
        labelArrives(label("p1", T0.plusSeconds(90), "0"));
        assertThat(harness.extractOutputValues()).extracting(LabeledOutcome::actual).containsExactly("1");
        watermark(T0.plus(Duration.ofHours(24)));
        labelArrives(label("p1", T0.plus(Duration.ofHours(25)), "0"));
        watermark(T0.plus(Duration.ofHours(26)));
        assertThat(orphans()).hasSize(1);
        assertNothingLeft();
    }

    @Test
    void duplicateLabelBeforeThePredictionIsDroppedToo() throws Exception {
        labelArrives(label("p1", T0, "1"));
        labelArrives(label("p1", T0.plusSeconds(1), "0"));
        predict(prediction("p1", T0, "0", null));
        assertThat(harness.extractOutputValues()).extracting(LabeledOutcome::actual).containsExactly("1");
        watermark(T0.plus(Duration.ofHours(24)));
        assertNothingLeft();
    }

    @Test
    void inlineActualIsALabelKnownAtPredictionTime() throws Exception {
        predict(prediction("p1", T0, "1", "0"));
        assertThat(harness.extractOutputValues()).containsExactly(new LabeledOutcome("p1", "m", "v1", "1", "0", T0, T0));
        labelArrives(label("p1", T0.plusSeconds(10), "1"));
        assertThat(harness.extractOutputValues()).hasSize(1);
        watermark(T0.plus(Duration.ofHours(24)));
        assertNothingLeft();
    }

    @Test
    void inlineActualWinsOverALabelThatWasProcessedBeforeItsPrediction() throws Exception {
        labelArrives(label("p1", T0.plusSeconds(10), "1"));
        predict(prediction("p1", T0, "1", "0"));
        assertThat(harness.extractOutputValues()).containsExactly(new LabeledOutcome("p1", "m", "v1", "1", "0", T0, T0));
        watermark(T0.plus(Duration.ofHours(24)));
        assertThat(orphans()).as("the label was a duplicate, not an orphan").isEmpty();
        assertNothingLeft();
    }

    @Test
    void theOracleStreamLeavesNoStateAndNoTimerOnceTheInputEnds() throws Exception {
        Path oracle = Path.of("src/test/resources/oracle/labels");
        EventCodec codec = new EventCodec();
        for (String line : Files.readAllLines(oracle.resolve("predictions.jsonl"))) {
            predict(codec.parsePrediction(line.getBytes(StandardCharsets.UTF_8)));
        }
        for (String line : Files.readAllLines(oracle.resolve("labels.jsonl"))) {
            try {
                labelArrives(codec.parseLabel(line.getBytes(StandardCharsets.UTF_8)));
            } catch (InvalidEventException e) {
                // the bad lines: the source dead-letters them before the join
            }
        }
        // The end of a bounded input: the watermark jumps to the end of time.
        harness.processBothWatermarks(Watermark.MAX_WATERMARK);

        JsonNode expected = new ObjectMapper().readTree(oracle.resolve("expected.json").toFile());
        assertThat(unlabeled()).hasSize(expected.get("unlabeled_predictions").asInt());
        assertThat(orphans()).hasSize(expected.get("orphaned_labels").asInt());
        assertNothingLeft();
    }

    @Test
    void failedPredictionsAreNotWaitedFor() throws Exception {
        predict(new PredictionEvent("p1", "m", "v1", T0, Map.of(), null, null, null, null, "timeout"));
        assertNothingLeft();
    }
}
