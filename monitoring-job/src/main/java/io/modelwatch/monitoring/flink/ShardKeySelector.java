package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.aggregate.ShardKey;
import org.apache.flink.api.java.functions.KeySelector;

/** Shard {@code hash(prediction_id) mod shards} of each observation. */
public final class ShardKeySelector implements KeySelector<Observation, ShardKey> {
    private static final long serialVersionUID = 1L;
    private final int shards;

    public ShardKeySelector(int shards) {
        this.shards = shards;
    }

    @Override
    public ShardKey getKey(Observation observation) {
        return new ShardKey(observation.model(), observation.modelVersion(),
                Math.floorMod(observation.predictionId().hashCode(), shards));
    }
}
