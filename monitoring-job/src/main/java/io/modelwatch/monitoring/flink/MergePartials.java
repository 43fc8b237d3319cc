package io.modelwatch.monitoring.flink;

import io.modelwatch.common.conceptdrift.DetectorState;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.drift.DriftSettings;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.common.report.ConceptDrift;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.aggregate.MergePartials.ShardWindow;
import io.modelwatch.monitoring.aggregate.ModelKey;
import io.modelwatch.monitoring.aggregate.WindowAccumulatorSerializer;
import io.modelwatch.monitoring.groundtruth.ConceptDriftStatus;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.reference.ParsedProfiles;
import io.modelwatch.monitoring.reference.ProfileUpdate;
import io.modelwatch.monitoring.window.FeatureSetMismatch;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.ReportAssembler;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second phase, per model version: collects the shards' partial accumulators of each window,
 * and when the watermark passes the window's end merges them, measures drift against the
 * reference and emits the window report. A late firing of a shard (an event within the allowed
 * lateness) replaces that shard's partial and emits an updated report at once. A window's
 * partials are dropped when its allowed lateness has passed, so state holds only open windows.
 *
 * <p>Notes arrive on the second input. Events later than the allowed lateness are counted in
 * {@code volume.late_events} of the next report this model version emits, whichever window that
 * is. Concept-drift statuses wait, by their label time, for the first report of a window that ends
 * after it. A report shows the most severe status that arrived for it — a detector such as ADWIN
 * signals a drift on one outcome and is stable again on the next, and the window must still say
 * drift — and otherwise the latest status before it. The last status is kept per model version,
 * like the detector's own state.
 *
 * <p>Profile updates of the model version arrive as notes too and are kept per model version. A
 * window is measured against the profile its partials were accumulated for. It has no drift when
 * that profile is not known here yet (logged), when its partials were accumulated for different
 * profiles ({@link WindowAccumulator#MIXED_REFERENCES}, logged), or when the profile's features are
 * not the window's: then the profile is refused, once, with a dead letter, and its windows have no drift.
 */
public final class MergePartials extends KeyedCoProcessFunction<ModelKey, PartialWindow, ReportNote, WindowReport> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MergePartials.class);
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("refused-profiles") {};
    /** Profiles kept per model version: the newest ones, by when they apply; a window uses one of the last few. */
    static final int KEPT_PROFILES = 16;

    private final ModelCatalog catalog;
    private final long allowedLatenessMs;
    private final double datasetDriftThreshold;
    private final Set<String> regressionModels;
    private transient MapState<ShardWindow, WindowAccumulator> partials;
    private transient ValueState<Long> lateEvents;
    private transient MapState<Long, ConceptDriftStatus> pendingConceptDrift;
    private transient ValueState<ConceptDriftStatus> conceptDrift;
    private transient MapState<String, ProfileUpdate> profiles;
    private transient MapState<String, Boolean> refusedProfiles;
    private transient ParsedProfiles parsed;
    private transient ReportAssembler assembler;

    /** @param regressionModels models whose performance is MAE, RMSE and MAPE rather than classification metrics */
    public MergePartials(ModelCatalog catalog, Duration allowedLateness, double datasetDriftThreshold,
            Set<String> regressionModels) {
        this.catalog = catalog;
        this.allowedLatenessMs = allowedLateness.toMillis();
        this.datasetDriftThreshold = datasetDriftThreshold;
        this.regressionModels = Set.copyOf(regressionModels);
    }

    @Override
    public void open(OpenContext context) {
        partials = getRuntimeContext().getMapState(new MapStateDescriptor<>("partials",
                TypeInformation.of(ShardWindow.class), WindowAccumulatorTypeInfo.INSTANCE));
        lateEvents = getRuntimeContext().getState(new ValueStateDescriptor<>("late-events", Types.LONG));
        pendingConceptDrift = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-concept-drift",
                Types.LONG, TypeInformation.of(ConceptDriftStatus.class)));
        conceptDrift = getRuntimeContext().getState(new ValueStateDescriptor<>("concept-drift", ConceptDriftStatus.class));
        profiles = getRuntimeContext().getMapState(new MapStateDescriptor<>("profiles", Types.STRING,
                TypeInformation.of(ProfileUpdate.class)));
        refusedProfiles = getRuntimeContext().getMapState(new MapStateDescriptor<>("refused-profiles", Types.STRING,
                Types.BOOLEAN));
        parsed = new ParsedProfiles();
        assembler = new ReportAssembler(new DriftSettings(null, Map.of(), Map.of(), datasetDriftThreshold));
    }

    @Override
    public void processElement1(PartialWindow partial, Context context, Collector<WindowReport> out) throws Exception {
        partials.put(new ShardWindow(partial.windowStart(), partial.windowEnd(), partial.shard()), partial.accumulator());
        long lastTimestamp = partial.windowEnd() - 1;
        if (context.timerService().currentWatermark() >= lastTimestamp) {
            report(context.getCurrentKey(), partial.windowStart(), partial.windowEnd(), context, out);
        } else {
            context.timerService().registerEventTimeTimer(lastTimestamp);
        }
        context.timerService().registerEventTimeTimer(lastTimestamp + allowedLatenessMs);
    }

    @Override
    public void processElement2(ReportNote note, Context context, Collector<WindowReport> out) throws Exception {
        if (note.isProfile()) {
            keep(note.profile());
        } else if (note.isLateEvents()) {
            Long count = lateEvents.value();
            lateEvents.update(count == null ? note.lateEvents() : count + note.lateEvents());
        } else {
            // Several statuses of one label time arrive in the detector's order: the last one wins.
            pendingConceptDrift.put(context.timestamp(), note.conceptDrift());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<WindowReport> out) throws Exception {
        Map<Long, Long> windowEnds = new TreeMap<>();
        for (ShardWindow shardWindow : partials.keys()) {
            windowEnds.put(shardWindow.windowEnd(), shardWindow.windowStart());
        }
        for (Map.Entry<Long, Long> window : windowEnds.entrySet()) {
            long lastTimestamp = window.getKey() - 1;
            if (lastTimestamp == timestamp) {
                report(context.getCurrentKey(), window.getValue(), window.getKey(), context, out);
            }
            if (lastTimestamp + allowedLatenessMs <= timestamp) {
                forget(window.getKey());
            }
        }
    }

    private void report(ModelKey key, long windowStart, long windowEnd, Context context, Collector<WindowReport> out)
            throws Exception {
        WindowAccumulator merged = null;
        for (Map.Entry<ShardWindow, WindowAccumulator> entry : partials.entries()) {
            if (entry.getKey().windowEnd() != windowEnd) {
                continue;
            }
            if (merged == null) {
                merged = WindowAccumulatorSerializer.INSTANCE.copy(entry.getValue());
            } else {
                merged.merge(entry.getValue());
            }
        }
        Long late = lateEvents.value();
        lateEvents.clear();
        String referenceId = merged.referenceId();
        ReferenceProfile reference = usableReference(key, windowStart, merged, context);
        out.collect(assembler.assemble(key.model(), key.modelVersion(), Instant.ofEpochMilli(windowStart),
                Instant.ofEpochMilli(windowEnd), merged, late == null ? 0 : late, reference, referenceId,
                regressionModels.contains(key.model()), conceptDriftAsOf(windowEnd)));
    }

    private void keep(ProfileUpdate update) throws Exception {
        if (update.isRemoval()) {
            return;
        }
        profiles.put(update.profileId(), update);
        List<ProfileUpdate> kept = new ArrayList<>();
        profiles.values().forEach(kept::add);
        if (kept.size() > KEPT_PROFILES) {
            kept.sort(Comparator.comparingLong(ProfileUpdate::effectiveFrom));
            for (ProfileUpdate old : kept.subList(0, kept.size() - KEPT_PROFILES)) {
                profiles.remove(old.profileId());
            }
        }
    }

    /** The profile the window's features were accumulated for, if the window can be measured against it. */
    private ReferenceProfile usableReference(ModelKey key, long windowStart, WindowAccumulator window, Context context)
            throws Exception {
        String id = window.referenceId();
        if (id == null || id.equals(ModelReference.NONE)) {
            return null;
        }
        if (id.equals(WindowAccumulator.MIXED_REFERENCES)) {
            LOG.warn("Model '{}' version '{}', window from {}: no drift, its partials were accumulated for different "
                    + "reference profiles (a profile arrived at some parallel instances after the window's first "
                    + "events)", key.model(), key.modelVersion(), Instant.ofEpochMilli(windowStart));
            return null;
        }
        ModelReference atStart = catalog.reference(key.model(), key.modelVersion());
        if (id.equals(atStart.id())) {
            return atStart.profile();
        }
        ProfileUpdate update = profiles.get(id);
        if (update == null) {
            LOG.warn("Model '{}' version '{}', window from {}: no drift, its profile {} has not arrived here yet",
                    key.model(), key.modelVersion(), Instant.ofEpochMilli(windowStart), id);
            return null;
        }
        if (refusedProfiles.contains(id)) {
            return null;
        }
        ReferenceProfile profile = parsed.of(update);
        Optional<String> mismatch = FeatureSetMismatch.between(profile, window);
        if (mismatch.isPresent()) {
            refusedProfiles.put(id, true);
            context.output(DEAD_LETTERS, update.deadLetter("profile " + id + " of model '" + key.model() + "' version '"
                    + key.modelVersion() + "' refused: " + mismatch.get() + "; its windows have no drift"));
            return null;
        }
        return profile;
    }

    /**
     * Applies the statuses of label times before {@code windowEnd}; returns the most severe of
     * them (the latest among equals), or the latest earlier status when none arrived.
     */
    private ConceptDrift conceptDriftAsOf(long windowEnd) throws Exception {
        List<Long> applied = new ArrayList<>();
        ConceptDriftStatus latest = conceptDrift.value();
        long latestTime = Long.MIN_VALUE;
        ConceptDriftStatus mostSevere = null;
        long mostSevereTime = Long.MIN_VALUE;
        for (Map.Entry<Long, ConceptDriftStatus> pending : pendingConceptDrift.entries()) {
            long labelTime = pending.getKey();
            ConceptDriftStatus status = pending.getValue();
            if (labelTime < windowEnd) {
                applied.add(labelTime);
                if (labelTime >= latestTime) {
                    latestTime = labelTime;
                    latest = status;
                }
                int compared = mostSevere == null ? 1 : Integer.compare(severity(status), severity(mostSevere));
                if (compared > 0 || (compared == 0 && labelTime >= mostSevereTime)) {
                    mostSevere = status;
                    mostSevereTime = labelTime;
                }
            }
        }
        for (long labelTime : applied) {
            pendingConceptDrift.remove(labelTime);
        }
        if (!applied.isEmpty()) {
            conceptDrift.update(latest);
        }
        ConceptDriftStatus shown = mostSevere != null ? mostSevere : latest;
        return shown == null ? null : shown.toReport();
    }

    private static int severity(ConceptDriftStatus status) {
        return DetectorState.valueOf(status.state().toUpperCase(Locale.ROOT)).ordinal();
    }

    private void forget(long windowEnd) throws Exception {
        List<ShardWindow> done = new ArrayList<>();
        for (ShardWindow shardWindow : partials.keys()) {
            if (shardWindow.windowEnd() == windowEnd) {
                done.add(shardWindow);
            }
        }
        for (ShardWindow shardWindow : done) {
            partials.remove(shardWindow);
        }
    }
}
