package io.modelwatch.monitoring.aggregate;

import io.modelwatch.common.event.PredictionEvent;
import org.apache.flink.api.java.functions.KeySelector;

/** Key of a partial window: a model version and a shard of its predictions, so a busy model spreads over subtasks. */
public record ShardKey(String model, String modelVersion, int shard) {

    /** Shard {@code hash(prediction_id) mod shards} of each event. */
    public static final class Selector implements KeySelector<PredictionEvent, ShardKey> {
        private static final long serialVersionUID = 1L;
        private final int shards;

        public Selector(int shards) {
            this.shards = shards;
        }

        @Override
        public ShardKey getKey(PredictionEvent event) {
            return new ShardKey(event.model(), event.modelVersion(), Math.floorMod(event.predictionId().hashCode(), shards));
        }
    }
}
