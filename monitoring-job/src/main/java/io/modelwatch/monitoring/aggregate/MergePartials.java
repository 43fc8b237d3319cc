package io.modelwatch.monitoring.aggregate;

/**
 * Holds {@link ShardWindow} under the name the previous release gave it, when the merge step
 * itself was this class; the merge step is now {@code io.modelwatch.monitoring.flink.MergePartials}.
 */
public final class MergePartials {
    private MergePartials() {}

    /**
     * A shard's part of a window, the key of the merge step's partial-accumulator state. Savepoints
     * name it as {@code io.modelwatch.monitoring.aggregate.MergePartials$ShardWindow}: see the
     * package documentation before moving or changing it.
     */
    public record ShardWindow(long windowStart, long windowEnd, int shard) {}
}
