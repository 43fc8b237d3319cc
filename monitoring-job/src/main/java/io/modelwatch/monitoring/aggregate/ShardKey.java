package io.modelwatch.monitoring.aggregate;

/**
 * Key of a partial window: a model version and a shard, the pre-aggregating instance that sent the partial,
 * so a busy model spreads over subtasks. The window step's state and timers are keyed by it, and
 * savepoints name it: see the package documentation before moving or changing it.
 */
public record ShardKey(String model, String modelVersion, int shard) {}
