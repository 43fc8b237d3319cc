package io.modelwatch.monitoring.flink;

import io.modelwatch.common.flink.WindowGrid;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * The first phase of the window aggregation, chained with the operator before it (decoding, or
 * the label join) so that observations never cross the network: per parallel instance one
 * {@link WindowAccumulator} per model version and window, emitted as a {@link PartialWindow} when
 * the watermark passes the window's end. Only these partials, a few tens of KB per model version
 * and window, go on to the window step.
 *
 * <p>Lateness is decided here, against this instance's own watermark, exactly as Flink's window
 * operator decides it: an observation whose window ended and whose allowed lateness has passed
 * goes to {@link #LATE}. One within the allowed lateness starts a new partial of its window, sent
 * at the next watermark, and the window step fires the window again. The window step never sees
 * a late partial from an instance that stays active: a partial is emitted before the watermark that
 * releases it, so the window step's watermark, the minimum over its inputs, is still before it.
 *
 * <p>Watermarks are passed on only when they release a window or end an allowed lateness. With a
 * watermark after every event (replays of files) everything downstream then sees a handful of
 * watermarks per window instead of one per event, and the same ones on every run.
 *
 * <p>Before this instance is marked idle it sends every partial it holds, closed or not, so that
 * the window step, which leaves idle inputs out of its watermark, has them before it fires.
 * Open partials are kept in operator list state across checkpoints, and are redistributed on
 * rescaling: a partial counts wherever it is sent from.
 */
public final class LocalWindows extends AbstractStreamOperator<PartialWindow>
        implements OneInputStreamOperator<Observation, PartialWindow> {
    private static final long serialVersionUID = 1L;

    private final ModelCatalog catalog;
    private final long sizeMs;
    private final long allowedLatenessMs;
    private final WindowGrid grid;
    private final int shards;
    private final OutputTag<Observation> late;
    private transient Map<Slot, WindowAccumulator> open;
    private transient ListState<PartialWindow> openState;
    private transient long watermark;
    private transient long forwarded;
    private transient int shard;
    private transient Slot lastSlot;
    private transient WindowAccumulator lastAccumulator;
    private transient ModelReference lastReference;

    /**
     * @param shards how many partial-window keys a model version's window is spread over in the
     *     window step: this instance's index modulo {@code shards}
     * @param late where observations past their window's allowed lateness go
     */
    public LocalWindows(ModelCatalog catalog, Duration size, Duration allowedLateness, int shards,
            OutputTag<Observation> late) {
        this.catalog = catalog;
        this.sizeMs = size.toMillis();
        this.allowedLatenessMs = allowedLateness.toMillis();
        this.grid = WindowGrid.of(size, allowedLateness);
        this.shards = shards;
        this.late = late;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        open = new HashMap<>();
        watermark = Long.MIN_VALUE;
        forwarded = Long.MIN_VALUE;
        openState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("open-partials", TypeInformation.of(PartialWindow.class)));
        for (PartialWindow partial : openState.get()) {
            open.merge(new Slot(partial.model(), partial.modelVersion(), partial.windowStart()), partial.accumulator(),
                    (mine, restored) -> {
                        mine.merge(restored);
                        return mine;
                    });
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        shard = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() % shards;
    }

    @Override
    public void processElement(StreamRecord<Observation> record) {
        Observation observation = record.getValue();
        long start = TimeWindow.getWindowStartWithOffset(observation.time(), 0, sizeMs);
        if (cleanupTime(start) <= watermark) {
            output.collect(late, record);
            return;
        }
        WindowAccumulator accumulator = accumulatorOf(observation, start);
        if (observation.isPrediction()) {
            accumulator.add(observation.prediction(), lastReference);
        } else {
            accumulator.add(observation.outcome());
        }
    }

    /** The accumulator of the observation's slot; consecutive observations mostly share one. */
    private WindowAccumulator accumulatorOf(Observation observation, long start) {
        Slot last = lastSlot;
        if (last != null && last.windowStart == start && last.model.equals(observation.model())
                && last.modelVersion.equals(observation.modelVersion())) {
            return lastAccumulator;
        }
        lastSlot = new Slot(observation.model(), observation.modelVersion(), start);
        lastAccumulator = open.computeIfAbsent(lastSlot, slot -> WindowAccumulator.empty(catalog.limits()));
        lastReference = catalog.reference(observation.model(), observation.modelVersion());
        return lastAccumulator;
    }

    @Override
    public void processWatermark(Watermark mark) {
        if (mark.getTimestamp() <= watermark) {
            return;
        }
        long previous = watermark;
        watermark = mark.getTimestamp();
        emitWindowsEndedBy(watermark);
        if (grid.crossed(previous, watermark)) {
            forwarded = watermark;
            output.emitWatermark(mark);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        if (status.isIdle()) {
            emitWindowsEndedBy(Long.MAX_VALUE);
            if (forwarded < watermark) {
                forwarded = watermark;
                output.emitWatermark(new Watermark(watermark));
            }
        }
        output.emitWatermarkStatus(status);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<PartialWindow> partials = new ArrayList<>(open.size());
        open.forEach((slot, accumulator) -> partials.add(partial(slot, accumulator)));
        openState.update(partials);
    }

    /** Emits, stamped with their window's last millisecond, the partials of windows that end at or before {@code time}. */
    private void emitWindowsEndedBy(long time) {
        Iterator<Map.Entry<Slot, WindowAccumulator>> entries = open.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Slot, WindowAccumulator> entry = entries.next();
            long lastTimestamp = entry.getKey().windowStart + sizeMs - 1;
            if (lastTimestamp <= time) {
                output.collect(new StreamRecord<>(partial(entry.getKey(), entry.getValue()), lastTimestamp));
                entries.remove();
            }
        }
        lastSlot = null;
        lastAccumulator = null;
    }

    private long cleanupTime(long windowStart) {
        return windowStart + sizeMs - 1 + allowedLatenessMs;
    }

    private PartialWindow partial(Slot slot, WindowAccumulator accumulator) {
        return new PartialWindow(slot.model, slot.modelVersion, shard, slot.windowStart, slot.windowStart + sizeMs,
                accumulator);
    }

    /** A model version's window in this instance. */
    private record Slot(String model, String modelVersion, long windowStart) {}
}
