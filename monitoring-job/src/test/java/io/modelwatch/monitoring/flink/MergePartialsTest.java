package io.modelwatch.monitoring.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.report.ConceptDrift;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.aggregate.ModelKey;
import io.modelwatch.monitoring.groundtruth.ConceptDriftStatus;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MergePartialsTest {
    private static final AccumulatorLimits LIMITS = AccumulatorLimits.defaults();
    private static final ModelCatalog NO_PROFILES = ModelCatalog.empty(LIMITS);
    private static final long WINDOW_END = 60_000;

    private static KeyedTwoInputStreamOperatorTestHarness<ModelKey, PartialWindow, ReportNote, WindowReport> harness(
            Duration allowedLateness) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new MergePartials(NO_PROFILES, allowedLateness, 0.5, Set.of("price"))),
                new ModelKeySelectors.OfPartial(), new ModelKeySelectors.OfNote(), TypeInformation.of(ModelKey.class));
        harness.open();
        return harness;
    }

    private static PredictionEvent event(String id, Double latencyMs, String error) {
        return new PredictionEvent(id, "m", "v1", Instant.ofEpochMilli(1000), Map.of("x", FeatureValue.ofNumber(1)),
                error == null ? "1" : null, null, null, latencyMs, error);
    }

    private static StreamRecord<PartialWindow> partial(int shard, PredictionEvent... events) {
        return partial("m", shard, List.of(events), List.of());
    }

    private static StreamRecord<PartialWindow> partial(String model, int shard, List<PredictionEvent> events,
            List<LabeledOutcome> outcomes) {
        WindowAccumulator accumulator = WindowAccumulator.empty(LIMITS);
        for (PredictionEvent event : events) {
            accumulator.add(event, ModelReference.none(LIMITS));
        }
        outcomes.forEach(accumulator::add);
        return new StreamRecord<>(new PartialWindow(model, "v1", shard, 0, WINDOW_END, accumulator), WINDOW_END - 1);
    }

    private static PredictionEvent scored(String id, String model, String predicted, double confidence) {
        return new PredictionEvent(id, model, "v1", Instant.ofEpochMilli(1000), Map.of(), predicted,
                Map.of(predicted, confidence), null, null, null);
    }

    private static LabeledOutcome outcome(String model, String predicted, String actual, long delayMs) {
        return new LabeledOutcome("p", model, "v1", predicted, actual, Instant.ofEpochMilli(1000),
                Instant.ofEpochMilli(1000 + delayMs));
    }

    private static StreamRecord<ReportNote> status(String state, long labelTime) {
        Instant since = state.equals("stable") ? null : Instant.ofEpochMilli(labelTime);
        return new StreamRecord<>(ReportNote.of(new ConceptDriftStatus("m", "v1", "adwin", state, since)), labelTime);
    }

    private static List<WindowReport> reports(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, WindowReport> harness) {
        return harness.extractOutputValues();
    }

    @Test
    void shardsOfAWindowMergeIntoOneReportWhenTheWatermarkPassesAndLeaveNoState() throws Exception {
        var harness = harness(Duration.ZERO);
        harness.processElement1(partial(0, event("a", 10.0, null), event("b", 20.0, null)));
        harness.processElement1(partial(1, event("c", 30.0, null), event("d", null, "timeout")));
        assertThat(reports(harness)).isEmpty();

        harness.processWatermark1(new Watermark(WINDOW_END - 1));
        harness.processWatermark2(new Watermark(WINDOW_END - 1));

        assertThat(reports(harness)).singleElement().satisfies(report -> {
            assertThat(report.volume().predictions()).isEqualTo(4);
            assertThat(report.volume().errors()).isEqualTo(1);
            assertThat(report.volume().errorRate()).isEqualTo(0.25);
            // Latencies 10, 20, 30: mean 20; NumPy's linear median 20; p95 = 20 + 0.9 * 10.
            assertThat(report.latencyMs().count()).isEqualTo(3);
            assertThat(report.latencyMs().mean()).isEqualTo(20.0);
            assertThat(report.latencyMs().p50()).isEqualTo(20.0);
            assertThat(report.latencyMs().p95()).isCloseTo(29.0, within(1e-12));
            assertThat(report.latencyMs().max()).isEqualTo(30.0);
            assertThat(report.predictionDistribution()).containsExactly(Map.entry("1", 1.0));
            assertThat(report.features().get("x").count()).isEqualTo(3);
            assertThat(report.datasetDrift()).isNull();
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateFiringReplacesItsShardAndUpdatesTheReportUntilTheLatenessHasPassed() throws Exception {
        var harness = harness(Duration.ofSeconds(30));
        harness.processElement1(partial(0, event("a", 10.0, null)));
        harness.processElement1(partial(1, event("b", 20.0, null)));
        harness.processBothWatermarks(new Watermark(WINDOW_END + 5_000));
        // Shard 0 fires again with everything it has: its first event and the late one.
        harness.processElement1(partial(0, event("a", 10.0, null), event("c", 60.0, null)));

        assertThat(reports(harness)).extracting(report -> report.volume().predictions()).containsExactly(2L, 3L);
        assertThat(reports(harness).get(1).latencyMs().max()).isEqualTo(60.0);
        assertThat(harness.numKeyedStateEntries()).as("partials kept for the allowed lateness").isPositive();

        harness.processBothWatermarks(new Watermark(WINDOW_END - 1 + 30_000));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void eventsPastTheLatenessAreCountedInTheNextReportOnly() throws Exception {
        var harness = harness(Duration.ZERO);
        harness.processElement2(new StreamRecord<>(ReportNote.lateEvent(event("late-1", 5.0, null)), 10));
        harness.processElement2(new StreamRecord<>(ReportNote.lateEvent(event("late-2", 5.0, null)), 10));
        harness.processElement1(partial(0, event("a", 10.0, null)));
        harness.processBothWatermarks(new Watermark(WINDOW_END - 1));
        harness.processElement1(new StreamRecord<>(new PartialWindow("m", "v1", 0, WINDOW_END, 2 * WINDOW_END,
                partial(0, event("b", 10.0, null)).getValue().accumulator()), 2 * WINDOW_END - 1));
        harness.processBothWatermarks(new Watermark(2 * WINDOW_END - 1));

        assertThat(reports(harness)).extracting(report -> report.volume().lateEvents()).containsExactly(2L, 0L);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theShardsOutcomesAndEstimatesMergeIntoTheWindowsPerformance() throws Exception {
        var harness = harness(Duration.ZERO);
        harness.processElement1(partial("m", 0, List.of(scored("a", "m", "1", 0.9), scored("b", "m", "0", 0.6)),
                List.of(outcome("m", "1", "1", 1000), outcome("m", "1", "0", 3000))));
        harness.processElement1(partial("m", 1, List.of(scored("c", "m", "1", 0.75), event("d", null, "timeout")),
                List.of(outcome("m", "0", "0", 2000))));
        harness.processBothWatermarks(new Watermark(WINDOW_END - 1));

        assertThat(reports(harness)).singleElement().satisfies(report -> {
            var performance = report.performance();
            assertThat(performance.labeled()).isEqualTo(3);
            // 3 outcomes whose labels became known here / 4 predictions (the failed one included)
            assertThat(performance.labelCoverage()).isEqualTo(0.75);
            // right, wrong, right
            assertThat(performance.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
            // mean confidence in the predicted class of the three served events: (0.9 + 0.6 + 0.75) / 3
            assertThat(performance.estimatedAccuracy()).isCloseTo(0.75, within(1e-12));
            assertThat(performance.labelDelayMs().p50()).isEqualTo(2000.0);
            assertThat(performance.mae()).isNull();
        });
    }

    @Test
    void aRegressionModelGetsErrorsInsteadOfClassMetrics() throws Exception {
        var harness = harness(Duration.ZERO);
        harness.processElement1(partial("price", 0, List.of(), List.of(outcome("price", "10", "12", 5))));
        harness.processElement1(partial("price", 1, List.of(), List.of(outcome("price", "7", "4", 5))));
        harness.processBothWatermarks(new Watermark(WINDOW_END - 1));

        assertThat(reports(harness)).singleElement().satisfies(report -> {
            assertThat(report.performance().labelCoverage()).as("no prediction in the window").isNull();
            assertThat(report.performance().accuracy()).isNull();
            // errors 2 and 3: MAE 2.5, RMSE sqrt(6.5), MAPE (2/12 + 3/4) / 2
            assertThat(report.performance().mae()).isCloseTo(2.5, within(1e-12));
            assertThat(report.performance().rmse()).isCloseTo(Math.sqrt(6.5), within(1e-12));
            assertThat(report.performance().mape()).isCloseTo((2.0 / 12 + 0.75) / 2, within(1e-12));
        });
    }

    @Test
    void aReportShowsTheLatestConceptDriftStatusAsOfItsWindowsEndAndKeepsOnlyThatOne() throws Exception {
        var harness = harness(Duration.ZERO);
        harness.processElement1(partial(0, event("a", 10.0, null)));
        harness.processBothWatermarks(new Watermark(WINDOW_END - 1));
        harness.processElement2(status("stable", WINDOW_END + 1_000));
        harness.processElement2(status("warning", WINDOW_END + 1_000));
        harness.processElement2(status("drift", 2 * WINDOW_END + 5_000));
        harness.processElement1(new StreamRecord<>(new PartialWindow("m", "v1", 0, WINDOW_END, 2 * WINDOW_END,
                partial(0, event("b", 10.0, null)).getValue().accumulator()), 2 * WINDOW_END - 1));
        harness.processBothWatermarks(new Watermark(2 * WINDOW_END - 1));
        harness.processElement1(new StreamRecord<>(new PartialWindow("m", "v1", 0, 2 * WINDOW_END, 3 * WINDOW_END,
                partial(0, event("c", 10.0, null)).getValue().accumulator()), 3 * WINDOW_END - 1));
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(reports(harness)).extracting(WindowReport::conceptDrift).containsExactly(
                null,
                new ConceptDrift("adwin", "warning", Instant.ofEpochMilli(WINDOW_END + 1_000)),
                new ConceptDrift("adwin", "drift", Instant.ofEpochMilli(2 * WINDOW_END + 5_000)));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("the model version's last status, nothing per window")
                .isEqualTo(1);
    }
}
