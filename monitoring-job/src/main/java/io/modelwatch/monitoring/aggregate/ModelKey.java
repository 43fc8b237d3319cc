package io.modelwatch.monitoring.aggregate;

/**
 * A model version: the key of the merge step, one report per window. The merge step's state and
 * timers are keyed by it, and savepoints name it: see the package documentation before moving or
 * changing it.
 */
public record ModelKey(String model, String modelVersion) {}
