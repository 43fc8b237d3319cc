package io.modelwatch.monitoring.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** Event time comes from the first input alone: the control input neither holds it back nor moves it. */
class BroadcastWithEventTimeOfFirstInputTest {
    private static final MapStateDescriptor<String, String> STATE = new MapStateDescriptor<>("s", Types.STRING, Types.STRING);

    private static final class PassOn extends BroadcastProcessFunction<String, String, String> {
        @Override
        public void processElement(String value, ReadOnlyContext context, Collector<String> out) {
            out.collect(value);
        }

        @Override
        public void processBroadcastElement(String value, Context context, Collector<String> out) {
            out.collect(value);
        }
    }

    @Test
    void watermarksAndIdlenessOfTheControlInputAreIgnored() throws Exception {
        try (TwoInputStreamOperatorTestHarness<String, String, String> harness = new TwoInputStreamOperatorTestHarness<>(
                new BroadcastWithEventTimeOfFirstInput<>(new PassOn(), List.of(STATE)))) {
            harness.open();
            harness.processWatermark1(new Watermark(100));
            harness.processWatermark2(new Watermark(Long.MAX_VALUE));
            harness.processWatermarkStatus1(WatermarkStatus.IDLE);
            harness.processWatermarkStatus2(WatermarkStatus.ACTIVE);
            harness.processWatermarkStatus1(WatermarkStatus.ACTIVE);
            harness.processWatermark1(new Watermark(200));

            assertThat(harness.getOutput()).containsExactly(new Watermark(100), WatermarkStatus.IDLE, WatermarkStatus.ACTIVE,
                    new Watermark(200));
        }
    }
}
