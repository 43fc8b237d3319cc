package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Passes the admitted events and profile updates on, each event followed by its inline outcome
 * when there is no label join to produce it. One operator emits both so that they travel in the
 * same channels as the events' watermarks: which events are late then depends on the data alone,
 * not on which of two streams the window step happens to read first.
 */
public final class ObserveEvents implements FlatMapFunction<Observation, Observation> {
    private static final long serialVersionUID = 1L;

    private final boolean withInlineOutcomes;

    /** @param withInlineOutcomes false when a label join emits the inline outcomes */
    public ObserveEvents(boolean withInlineOutcomes) {
        this.withInlineOutcomes = withInlineOutcomes;
    }

    @Override
    public void flatMap(Observation observation, Collector<Observation> out) {
        out.collect(observation);
        if (withInlineOutcomes && observation.isPrediction()) {
            LabeledOutcome.ofInlineActual(observation.prediction()).map(Observation::of).ifPresent(out::collect);
        }
    }
}
