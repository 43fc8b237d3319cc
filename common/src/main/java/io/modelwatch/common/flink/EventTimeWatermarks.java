package io.modelwatch.common.flink;

import io.modelwatch.common.decode.DecodedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks (the highest timestamp so far, minus the out-of-orderness,
 * minus 1 ms), emitted periodically (Flink's usual way, cheap) or, for replays of logged events,
 * as soon as an event moves them: then which events are late no longer depends on how fast the
 * file is read, and two runs over a file give the same reports.
 *
 * <p>With a {@link WindowGrid}, an event's watermark is emitted only when it closes a window or
 * ends an allowed lateness since the last one emitted. Lateness is decided against those moments
 * only, so the same events are late as with a watermark after every event, at the cost of a few
 * watermarks per window instead of one per event.
 */
public final class EventTimeWatermarks<T> implements WatermarkGenerator<T> {
    private final long outOfOrdernessMs;
    private final boolean perEvent;
    private final WindowGrid grid;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    /**
     * The watermarks of both jobs' sources: event time from the records themselves, bounded
     * out-of-orderness, and a partition idle for {@code idleness} (0s: never) stops holding them back.
     *
     * @param perEventGrid with {@code perEvent}, emit an event's watermark only when it crosses this grid; or null
     */
    public static <T extends DecodedRecord> WatermarkStrategy<T> strategy(Duration outOfOrderness, Duration idleness,
            boolean perEvent, WindowGrid perEventGrid) {
        WatermarkStrategy<T> watermarks = WatermarkStrategy
                .<T>forGenerator(context -> new EventTimeWatermarks<>(outOfOrderness, perEvent, perEventGrid))
                .withTimestampAssigner(new EventTimestamps<>());
        return idleness.isZero() ? watermarks : watermarks.withIdleness(idleness);
    }

    public EventTimeWatermarks(Duration outOfOrderness, boolean perEvent, WindowGrid perEventGrid) {
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.perEvent = perEvent;
        this.grid = perEventGrid;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        if (perEvent) {
            long watermark = watermark();
            if (watermark > emitted && (grid == null || grid.crossed(emitted, watermark))) {
                emit(watermark, output);
            }
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!perEvent || grid == null) {
            // Every period, as Flink's own generators do, even when it has not moved.
            emit(Math.max(watermark(), emitted), output);
        }
    }

    private long watermark() {
        return maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrdernessMs - 1;
    }

    private void emit(long watermark, WatermarkOutput output) {
        emitted = watermark;
        output.emitWatermark(new Watermark(watermark));
    }
}
