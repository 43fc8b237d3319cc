package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.flink.WindowGrid;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.reference.ProfileTimeline;
import io.modelwatch.monitoring.reference.ProfileShapeUpdate;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
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
 *
 * <p>Profile updates come in the same channel as the events ({@link AdmitModels} passes them on),
 * so every instance applies them at the same point of its stream. A window's partial is
 * accumulated for the reference in force for the window's start ({@link ProfileTimeline}) when its
 * first event arrives, and stays bound to it; an event with a value that reference rules out
 * (text for a numerical feature) is a dead letter. The updates are kept in broadcast state, as
 * {@link io.modelwatch.monitoring.reference.ProfileShapeUpdate shapes}.
 */
public final class LocalWindows extends AbstractStreamOperator<PartialWindow>
        implements OneInputStreamOperator<Observation, PartialWindow> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("values-the-reference-rules-out") {};
    private static final MapStateDescriptor<String, ProfileShapeUpdate> PROFILE_UPDATES = new MapStateDescriptor<>(
            "profile-updates", Types.STRING, TypeInformation.of(ProfileShapeUpdate.class));

    private final ModelCatalog catalog;
    private final long sizeMs;
    private final long allowedLatenessMs;
    private final WindowGrid grid;
    private final int shards;
    private final OutputTag<Observation> late;
    private transient Map<Slot, WindowAccumulator> open;
    private transient ListState<PartialWindow> openState;
    private transient ProfileTimeline profiles;
    private transient BroadcastState<String, ProfileShapeUpdate> profilesState;
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
        profiles = new ProfileTimeline(catalog);
        profilesState = context.getOperatorStateStore().getBroadcastState(PROFILE_UPDATES);
        for (Map.Entry<String, ProfileShapeUpdate> update : profilesState.entries()) {
            profiles.restore(update.getValue());
        }
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
        if (observation.isProfile()) {
            profiles.apply(observation.profile());
            lastSlot = null;
            return;
        }
        long start = TimeWindow.getWindowStartWithOffset(observation.time(), 0, sizeMs);
        if (cleanupTime(start) <= watermark) {
            output.collect(late, record);
            return;
        }
        WindowAccumulator accumulator = accumulatorOf(observation, start);
        if (observation.isPrediction()) {
            Optional<String> ruledOut = ruledOut(observation.prediction(), lastReference);
            if (ruledOut.isPresent()) {
                output.collect(DEAD_LETTERS, new StreamRecord<>(observation.origin().deadLetter(ruledOut.get())));
                return;
            }
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
        String bound = lastAccumulator.referenceId();
        lastReference = bound == null
                ? profiles.at(observation.model(), observation.modelVersion(), start)
                : profiles.byId(observation.model(), observation.modelVersion(), bound);
        return lastAccumulator;
    }

    /** Why the event cannot be counted against {@code reference}, if it cannot. */
    private static Optional<String> ruledOut(PredictionEvent event, ModelReference reference) {
        if (reference.profile() == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, FeatureValue> feature : event.features().entrySet()) {
            Optional<String> rejected = reference.rejects(feature.getKey(), feature.getValue());
            if (rejected.isPresent()) {
                return Optional.of("features." + feature.getKey() + ": " + rejected.get());
            }
        }
        return Optional.empty();
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
            // Only where a window can have closed: with a watermark after every event this would walk
            // every model's profiles and every open slot once per event.
            profiles.forgetBefore(firstOpenWindowStart());
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
        profilesState.clear();
        for (ProfileShapeUpdate update : profiles.updates()) {
            profilesState.put(update.model() + "/" + update.modelVersion() + "@" + update.effectiveFrom(), update);
        }
    }

    /** The start of the earliest window that can still take observations. */
    private long firstOpenWindowStart() {
        long earliest = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - allowedLatenessMs - sizeMs;
        for (Slot slot : open.keySet()) {
            earliest = Math.min(earliest, slot.windowStart);
        }
        return earliest;
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
