package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.aggregate.ShardKey;
import org.apache.flink.api.java.functions.KeySelector;

/** The model version and shard of a partial: its {@link LocalWindows} instance's index modulo {@code shards}. */
public final class ShardKeySelector implements KeySelector<PartialWindow, ShardKey> {
    private static final long serialVersionUID = 1L;

    @Override
    public ShardKey getKey(PartialWindow partial) {
        return new ShardKey(partial.model(), partial.modelVersion(), partial.shard());
    }
}
