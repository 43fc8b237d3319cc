package io.modelwatch.monitoring.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks, emitted periodically (Flink's usual way, cheap) or, for
 * replays of logged events, after every event that moves them: then which events are late no
 * longer depends on how fast the file is read, and two runs over a file give the same reports.
 */
public final class EventTimeWatermarks<T> extends BoundedOutOfOrdernessWatermarks<T> {
    private final boolean perEvent;

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
