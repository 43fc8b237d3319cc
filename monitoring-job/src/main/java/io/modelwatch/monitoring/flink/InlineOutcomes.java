package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The outcomes of predictions that carry their own {@code actual}, for a job without a labels
 * source: with nothing to wait for, no join state is needed.
 */
public final class InlineOutcomes implements FlatMapFunction<Observation, LabeledOutcome> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Observation observation, Collector<LabeledOutcome> out) {
        if (observation.isPrediction()) {
            LabeledOutcome.ofInlineActual(observation.prediction()).ifPresent(out::collect);
        }
    }
}
