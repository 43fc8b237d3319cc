package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.window.WindowAccumulator;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One shard's accumulator of one window, as the window fired it: all of the shard's events so
 * far (a late firing carries the whole shard again, not only the late events).
 *
 * @param windowStart epoch milliseconds, inclusive
 * @param windowEnd epoch milliseconds, exclusive
 */
public record PartialWindow(String model, String modelVersion, int shard, long windowStart, long windowEnd,
        @TypeInfo(WindowAccumulatorTypeInfo.Factory.class) WindowAccumulator accumulator) {}
