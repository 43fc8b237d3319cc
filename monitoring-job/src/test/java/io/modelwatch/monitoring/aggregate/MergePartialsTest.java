package io.modelwatch.monitoring.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    private static KeyedTwoInputStreamOperatorTestHarness<ModelKey, PartialWindow, PredictionEvent, WindowReport> harness(
            Duration allowedLateness) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new MergePartials(NO_PROFILES, allowedLateness, 0.5)),
                new ModelKey.OfPartial(), new ModelKey.OfEvent(), TypeInformation.of(ModelKey.class));
        harness.open();
        return harness;
    }

    private static PredictionEvent event(String id, Double latencyMs, String error) {
        return new PredictionEvent(id, "m", "v1", Instant.ofEpochMilli(1000), Map.of("x", FeatureValue.ofNumber(1)),
                error == null ? "1" : null, null, null, latencyMs, error);
    }

    private static StreamRecord<PartialWindow> partial(int shard, PredictionEvent... events) {
        WindowAccumulator accumulator = WindowAccumulator.empty(LIMITS);
        for (PredictionEvent event : events) {
            accumulator.add(event, ModelReference.none(LIMITS));
        }
        return new StreamRecord<>(new PartialWindow("m", "v1", shard, 0, WINDOW_END, accumulator), WINDOW_END - 1);
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
        harness.processElement2(new StreamRecord<>(event("late-1", 5.0, null), 10));
        harness.processElement2(new StreamRecord<>(event("late-2", 5.0, null), 10));
        harness.processElement1(partial(0, event("a", 10.0, null)));
        harness.processBothWatermarks(new Watermark(WINDOW_END - 1));
        harness.processElement1(new StreamRecord<>(new PartialWindow("m", "v1", 0, WINDOW_END, 2 * WINDOW_END,
                partial(0, event("b", 10.0, null)).getValue().accumulator()), 2 * WINDOW_END - 1));
        harness.processBothWatermarks(new Watermark(2 * WINDOW_END - 1));

        assertThat(reports(harness)).extracting(report -> report.volume().lateEvents()).containsExactly(2L, 0L);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
