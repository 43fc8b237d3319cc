package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.reference.ProfileUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Bounds how many models are tracked and counts each tracked model version's predictions and
 * errors: models with a reference profile (given at start, or from the {@code model-profiles}
 * topic) always are; of the others each parallel instance admits the first {@code maxModels} it
 * sees (by model name, all versions) and dead-letters the events of any further one. The
 * admitted set is checkpointed. The bound is per instance, so up to parallelism × maxModels
 * unprofiled models may be tracked when different instances see different models.
 *
 * <p>Profile updates arrive on the broadcast input, at every instance; each is passed on in the
 * same channel as the events, so that the window step after this one applies it in order with them.
 */
public final class AdmitModels extends BroadcastProcessFunction<IncomingEvent, ProfileUpdate, Observation>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("untracked-models") {};
    /** {@code model/version} → whether its latest update from the topic is a profile (not a removal). */
    public static final MapStateDescriptor<String, Boolean> PROFILED =
            new MapStateDescriptor<>("profiled-model-versions", Types.STRING, Types.BOOLEAN);

    private final ModelCatalog catalog;
    private final int maxModels;
    private transient Set<String> admitted;
    private transient ListState<String> admittedState;
    /** Model → version → {@link #PROFILED}'s answer, looked up without building a key. */
    private transient Map<String, Map<String, Boolean>> profiled;
    private transient ModelMetricGroups<EventCounters> counters;

    public AdmitModels(ModelCatalog catalog, int maxModels) {
        this.catalog = catalog;
        this.maxModels = maxModels;
    }

    @Override
    public void open(OpenContext context) {
        counters = new ModelMetricGroups<>(getRuntimeContext().getMetricGroup(), EventCounters::register);
    }

    @Override
    public void processElement(IncomingEvent record, ReadOnlyContext context, Collector<Observation> out) {
        PredictionEvent event = record.event();
        if (isTracked(event)) {
            EventCounters modelCounters = counters.of(event.model(), event.modelVersion());
            modelCounters.predictions().inc();
            if (event.isError()) {
                modelCounters.errors().inc();
            }
            out.collect(Observation.of(record));
        } else {
            context.output(DEAD_LETTERS, record.deadLetter("model: '" + event.model() + "' is not monitored: " + maxModels
                    + " models without a reference profile are tracked already (limits.max-models)"));
        }
    }

    @Override
    public void processBroadcastElement(ProfileUpdate update, Context context, Collector<Observation> out)
            throws Exception {
        context.getBroadcastState(PROFILED).put(update.model() + "/" + update.modelVersion(), !update.isRemoval());
        remember(update.model(), update.modelVersion(), !update.isRemoval());
        out.collect(Observation.of(update));
    }

    private boolean isTracked(PredictionEvent event) {
        if (admitted.contains(event.model()) || hasProfile(event.model(), event.modelVersion())) {
            return true;
        }
        return admitted.size() < maxModels && admitted.add(event.model());
    }

    private boolean hasProfile(String model, String modelVersion) {
        Map<String, Boolean> versions = profiled.get(model);
        Boolean fromTopic = versions == null ? null : versions.get(modelVersion);
        return fromTopic != null ? fromTopic : catalog.hasProfile(model, modelVersion);
    }

    private void remember(String model, String modelVersion, boolean hasProfile) {
        profiled.computeIfAbsent(model, name -> new HashMap<>()).put(modelVersion, hasProfile);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        admittedState.update(new ArrayList<>(admitted));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        admittedState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("admitted-models", Types.STRING));
        admitted = new HashSet<>();
        admittedState.get().forEach(admitted::add);
        profiled = new HashMap<>();
        BroadcastState<String, Boolean> restored = context.getOperatorStateStore().getBroadcastState(PROFILED);
        for (Map.Entry<String, Boolean> entry : restored.entries()) {
            int slash = entry.getKey().lastIndexOf('/');
            remember(entry.getKey().substring(0, slash), entry.getKey().substring(slash + 1), entry.getValue());
        }
    }
}
