package io.modelwatch.monitoring.flink;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * Key of a partial window: a model version and a shard of its predictions (and of their outcomes),
 * so a busy model spreads over subtasks.
 */
public record ShardKey(String model, String modelVersion, int shard) {

    /** Shard {@code hash(prediction_id) mod shards} of each observation. */
    public static final class Selector implements KeySelector<Observation, ShardKey> {
        private static final long serialVersionUID = 1L;
        private final int shards;

        public Selector(int shards) {
            this.shards = shards;
        }

        @Override
        public ShardKey getKey(Observation observation) {
            return new ShardKey(observation.model(), observation.modelVersion(),
                    Math.floorMod(observation.predictionId().hashCode(), shards));
        }
    }
}
