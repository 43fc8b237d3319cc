package io.modelwatch.common.flink;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of a control stream (profiles, rules): none, and the stream marked idle. A control
 * stream says nothing about event time, and an input that never sends a watermark would hold an
 * operator's event time at its start for ever; an idle input is left out of it. (Sending the
 * largest watermark instead would be wrong: when the events' inputs go idle, it alone would move
 * event time to its end.)
 */
public final class ControlStreamWatermarks<T> implements WatermarkGenerator<T> {

    public static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(context -> new ControlStreamWatermarks<>());
    }

    @Override
    public void onEvent(T record, long timestamp, WatermarkOutput output) {
        output.markIdle();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
