package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Bounds how many models are tracked and counts each tracked model version's predictions and errors: models with a reference profile always are; of the
 * others each parallel instance admits the first {@code maxModels} it sees (by model name, all
 * versions) and dead-letters the events of any further one. The admitted set is checkpointed.
 * The bound is per instance, so up to parallelism × maxModels unprofiled models may be tracked
 * when different instances see different models.
 */
public final class AdmitModels extends ProcessFunction<IncomingEvent, PredictionEvent> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("untracked-models") {};

    private final ModelCatalog catalog;
    private final int maxModels;
    private transient Set<String> admitted;
    private transient ListState<String> admittedState;
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
    public void processElement(IncomingEvent record, Context context, Collector<PredictionEvent> out) {
        PredictionEvent event = record.event();
        if (isTracked(event)) {
            EventCounters modelCounters = counters.of(event.model(), event.modelVersion());
            modelCounters.predictions().inc();
            if (event.isError()) {
                modelCounters.errors().inc();
            }
            out.collect(event);
        } else {
            context.output(DEAD_LETTERS, record.deadLetter("model: '" + event.model() + "' is not monitored: " + maxModels
                    + " models without a reference profile are tracked already (limits.max-models)"));
        }
    }

    private boolean isTracked(PredictionEvent event) {
        if (admitted.contains(event.model()) || catalog.hasProfile(event.model(), event.modelVersion())) {
            return true;
        }
        return admitted.size() < maxModels && admitted.add(event.model());
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
    }
}
