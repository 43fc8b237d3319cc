package io.modelwatch.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EventTimeWatermarksTest {
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    private static final class Recorded implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    /** The watermark in force after each event: the last one emitted. */
    private static long[] inForce(EventTimeWatermarks<Object> generator, long[] timestamps) {
        Recorded out = new Recorded();
        long[] inForce = new long[timestamps.length];
        for (int i = 0; i < timestamps.length; i++) {
            generator.onEvent(null, timestamps[i], out);
            inForce[i] = out.watermarks.isEmpty() ? Long.MIN_VALUE : out.watermarks.get(out.watermarks.size() - 1);
        }
        return inForce;
    }

    @Test
    void perEventWatermarksTrailTheHighestTimestampByTheOutOfOrderness() {
        long[] inForce = inForce(new EventTimeWatermarks<>(OUT_OF_ORDERNESS, true, null), new long[] {10_000, 8_000, 12_000});
        assertThat(inForce).containsExactly(4_999, 4_999, 6_999);
    }

    @Test
    void onAGridTheSameEventsAreLateAsWithAWatermarkAfterEveryEventFromFewerWatermarks() {
        WindowGrid grid = new WindowGrid(60_000, 30_000);
        Random random = new Random(11);
        long[] timestamps = new long[20_000];
        long time = 0;
        for (int i = 0; i < timestamps.length; i++) {
            time += random.nextInt(100);
            timestamps[i] = time - random.nextInt(20_000);
        }
        long[] everyEvent = inForce(new EventTimeWatermarks<>(OUT_OF_ORDERNESS, true, null), timestamps);
        Recorded gridOut = new Recorded();
        EventTimeWatermarks<Object> onGrid = new EventTimeWatermarks<>(OUT_OF_ORDERNESS, true, grid);
        long[] gridInForce = new long[timestamps.length];
        for (int i = 0; i < timestamps.length; i++) {
            onGrid.onEvent(null, timestamps[i], gridOut);
            gridInForce[i] = gridOut.watermarks.isEmpty() ? Long.MIN_VALUE : gridOut.watermarks.get(gridOut.watermarks.size() - 1);
        }
        for (int i = 0; i + 1 < timestamps.length; i++) {
            long next = timestamps[i + 1];
            long cleanup = Math.floorDiv(next, 60_000) * 60_000 + 60_000 - 1 + 30_000;
            long windowEnd = Math.floorDiv(next, 60_000) * 60_000 + 60_000 - 1;
            assertThat(cleanup <= gridInForce[i]).as("event %d late", i + 1).isEqualTo(cleanup <= everyEvent[i]);
            assertThat(windowEnd <= gridInForce[i]).as("window of event %d closed", i + 1).isEqualTo(windowEnd <= everyEvent[i]);
        }
        assertThat(gridOut.watermarks.size()).isLessThan(everyEvent.length / 100);
    }

    @Test
    void onAGridNothingIsEmittedPeriodicallySoRunsAreRepeatable() {
        Recorded out = new Recorded();
        EventTimeWatermarks<Object> generator = new EventTimeWatermarks<>(OUT_OF_ORDERNESS, true, new WindowGrid(60_000, 0));
        generator.onEvent(null, 1_000, out);
        generator.onEvent(null, 2_000, out);
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(-4_001L);
    }
}
