package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.WindowAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Merges the partials that the parallel instances of {@link LocalWindows} send for a shard's
 * window into one accumulator.
 */
public final class PartialAggregate implements AggregateFunction<PartialWindow, WindowAccumulator, WindowAccumulator> {
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
    public WindowAccumulator add(PartialWindow partial, WindowAccumulator accumulator) {
        accumulator.merge(partial.accumulator());
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
