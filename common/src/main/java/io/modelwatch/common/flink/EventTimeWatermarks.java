package io.modelwatch.common.flink;

import io.modelwatch.common.decode.DecodedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks, emitted periodically (Flink's usual way, cheap) or, for
 * replays of logged events, after every event that moves them: then which events are late no
 * longer depends on how fast the file is read, and two runs over a file give the same reports.
 */
public final class EventTimeWatermarks<T> extends BoundedOutOfOrdernessWatermarks<T> {
    private final boolean perEvent;

    /**
     * The watermarks of both jobs' sources: event time from the records themselves, bounded
     * out-of-orderness, and a partition idle for {@code idleness} (0s: never) stops holding them back.
     */
    public static <T extends DecodedRecord> WatermarkStrategy<T> strategy(Duration outOfOrderness, Duration idleness,
            boolean perEvent) {
        WatermarkStrategy<T> watermarks = WatermarkStrategy
                .<T>forGenerator(context -> new EventTimeWatermarks<>(outOfOrderness, perEvent))
                .withTimestampAssigner(new EventTimestamps<>());
        return idleness.isZero() ? watermarks : watermarks.withIdleness(idleness);
    }

    public EventTimeWatermarks(Duration outOfOrderness, boolean perEvent) {
        super(outOfOrderness);
        this.perEvent = perEvent;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        super.onEvent(event, eventTimestamp, output);
        if (perEvent) {
            onPeriodicEmit(output);
        }
    }
}
