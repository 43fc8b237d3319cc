package io.modelwatch.monitoring.flink;

import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * A broadcast process function whose event time is that of its first input alone. Flink's own
 * operator takes the minimum of both inputs, so a control stream's watermarks, or its idle status
 * arriving a little sooner or later, would decide which events downstream are late; here the
 * control stream (profile updates) never touches event time, and a replay of a file gives the same
 * watermarks after every event as before this operator was added.
 */
public final class BroadcastWithEventTimeOfFirstInput<IN1, IN2, OUT> extends CoBroadcastWithNonKeyedOperator<IN1, IN2, OUT> {
    private static final long serialVersionUID = 1L;

    public BroadcastWithEventTimeOfFirstInput(BroadcastProcessFunction<IN1, IN2, OUT> function,
            List<MapStateDescriptor<?, ?>> broadcastStates) {
        super(function, broadcastStates);
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        processWatermark(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // the control stream says nothing about event time
    }

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int index) throws Exception {
        if (index == 0) { // the first input's, counted from 0
            output.emitWatermarkStatus(status);
        }
    }
}
