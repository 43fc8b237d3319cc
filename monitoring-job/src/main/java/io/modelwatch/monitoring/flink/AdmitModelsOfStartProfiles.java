package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link AdmitModels} in a job without the profiles topic (events from a file or the generator, or
 * {@code kafka.profiles-topic: null}): the profiles are those given at start, and with one input
 * this step is chained to the source, so events reach the pre-aggregation without being
 * serialized. Same uid and admitted-models state as {@link AdmitModels}.
 */
public final class AdmitModelsOfStartProfiles extends ProcessFunction<IncomingEvent, Observation>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final Admission admission;

    public AdmitModelsOfStartProfiles(ModelCatalog catalog, int maxModels) {
        this.admission = new Admission(catalog, maxModels);
    }

    @Override
    public void open(OpenContext context) {
        admission.open(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(IncomingEvent record, Context context, Collector<Observation> out) {
        admission.admit(record, out::collect, deadLetter -> context.output(AdmitModels.DEAD_LETTERS, deadLetter));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        admission.snapshot();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        admission.initialize(context.getOperatorStateStore());
    }
}
