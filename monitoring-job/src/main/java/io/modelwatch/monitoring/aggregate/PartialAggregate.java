package io.modelwatch.monitoring.aggregate;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.WindowAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds each event of a shard's window to its accumulator, built against the model's reference. */
public final class PartialAggregate implements AggregateFunction<PredictionEvent, WindowAccumulator, WindowAccumulator> {
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
    public WindowAccumulator add(PredictionEvent event, WindowAccumulator accumulator) {
        accumulator.add(event, catalog.reference(event.model(), event.modelVersion()));
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
