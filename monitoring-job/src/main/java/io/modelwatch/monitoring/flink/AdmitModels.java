package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.reference.ProfileUpdate;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Bounds how many models are tracked and counts their events ({@link Admission}), in a job that
 * reads the {@code model-profiles} topic: a model version with a profile there is tracked too. The
 * bound is per instance, so up to parallelism × maxModels unprofiled models may be tracked when
 * different instances see different models.
 *
 * <p>Profile updates arrive on the broadcast input, at every instance; each is passed on in the
 * same channel as the events, so that the window step after this one applies it in order with them.
 * Being a second input, this step is not chained to the source: decoded events cross a (local)
 * network edge here, which a job without the topic avoids ({@link AdmitModelsOfStartProfiles}).
 */
public final class AdmitModels extends BroadcastProcessFunction<IncomingEvent, ProfileUpdate, Observation>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("untracked-models") {};
    /** {@code model/version} → whether its latest update from the topic is a profile (not a removal). */
    public static final MapStateDescriptor<String, Boolean> PROFILED =
            new MapStateDescriptor<>("profiled-model-versions", Types.STRING, Types.BOOLEAN);

    private final Admission admission;

    public AdmitModels(ModelCatalog catalog, int maxModels) {
        this.admission = new Admission(catalog, maxModels);
    }

    @Override
    public void open(OpenContext context) {
        admission.open(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(IncomingEvent record, ReadOnlyContext context, Collector<Observation> out) {
        admission.admit(record, out::collect, deadLetter -> context.output(DEAD_LETTERS, deadLetter));
    }

    @Override
    public void processBroadcastElement(ProfileUpdate update, Context context, Collector<Observation> out)
            throws Exception {
        context.getBroadcastState(PROFILED).put(update.model() + "/" + update.modelVersion(), !update.isRemoval());
        admission.profiled(update.model(), update.modelVersion(), !update.isRemoval());
        out.collect(Observation.of(update));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        admission.snapshot();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        admission.initialize(context.getOperatorStateStore());
        BroadcastState<String, Boolean> restored = context.getOperatorStateStore().getBroadcastState(PROFILED);
        for (Map.Entry<String, Boolean> entry : restored.entries()) {
            int slash = entry.getKey().lastIndexOf('/');
            admission.profiled(entry.getKey().substring(0, slash), entry.getKey().substring(slash + 1), entry.getValue());
        }
    }
}
