package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.aggregate.ShardKey;
import io.modelwatch.monitoring.window.WindowAccumulator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Labels a shard's accumulator with its key and window for the merge step. */
public final class EmitPartial extends ProcessWindowFunction<WindowAccumulator, PartialWindow, ShardKey, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(ShardKey key, Context context, Iterable<WindowAccumulator> accumulators,
            Collector<PartialWindow> out) {
        TimeWindow window = context.window();
        out.collect(new PartialWindow(key.model(), key.modelVersion(), key.shard(), window.getStart(), window.getEnd(),
                accumulators.iterator().next()));
    }
}
