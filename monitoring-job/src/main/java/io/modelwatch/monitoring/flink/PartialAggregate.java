package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.WindowAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds each observation of a shard's window to its accumulator: events against the model's
 * reference, outcomes to the window's performance.
 */
public final class PartialAggregate implements AggregateFunction<Observation, WindowAccumulator, WindowAccumulator> {
    private static final long serialVersionUID = 1L;

    private final ModelCatalog catalog;

    public PartialAggregate(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public WindowAccumulator createAccumulator() {
        return WindowAccumulator.empty(catalog.limits());
    }

    @Override
    public WindowAccumulator add(Observation observation, WindowAccumulator accumulator) {
        if (observation.isPrediction()) {
            accumulator.add(observation.prediction(), catalog.reference(observation.model(), observation.modelVersion()));
        } else {
            accumulator.add(observation.outcome());
        }
        return accumulator;
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        a.merge(b);
        return a;
    }
}
