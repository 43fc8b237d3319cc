package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;

/**
 * Which models are tracked, for both admitting steps ({@link AdmitModels}, {@link AdmitModelsOfStartProfiles}):
 * models with a reference profile always are; of the others each parallel instance admits the
 * first {@code maxModels} it sees (by model name, all versions), and counts each tracked model
 * version's predictions and errors. The admitted set is operator state {@code admitted-models}.
 */
final class Admission implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ModelCatalog catalog;
    private final int maxModels;
    private transient Set<String> admitted;
    private transient ListState<String> admittedState;
    /** Model → version → whether the profiles topic's latest update of it is a profile; absent: the catalog says. */
    private transient Map<String, Map<String, Boolean>> profiled;
    private transient ModelMetricGroups<EventCounters> counters;

    Admission(ModelCatalog catalog, int maxModels) {
        this.catalog = catalog;
        this.maxModels = maxModels;
    }

    void initialize(OperatorStateStore store) throws Exception {
        admittedState = store.getListState(new ListStateDescriptor<>("admitted-models", Types.STRING));
        admitted = new HashSet<>();
        admittedState.get().forEach(admitted::add);
        profiled = new HashMap<>();
    }

    void open(MetricGroup operatorGroup) {
        counters = new ModelMetricGroups<>(operatorGroup, EventCounters::register);
    }

    void snapshot() throws Exception {
        admittedState.update(new ArrayList<>(admitted));
    }

    /** A tracked model version's event: counted, and passed on; an untracked model's: its dead letter. */
    void admit(IncomingEvent record, Consumer<Observation> admitted, Consumer<DeadLetter> untracked) {
        PredictionEvent event = record.event();
        if (!isTracked(event)) {
            untracked.accept(record.deadLetter("model: '" + event.model() + "' is not monitored: " + maxModels
                    + " models without a reference profile are tracked already (limits.max-models)"));
            return;
        }
        EventCounters modelCounters = counters.of(event.model(), event.modelVersion());
        modelCounters.predictions().inc();
        if (event.isError()) {
            modelCounters.errors().inc();
        }
        admitted.accept(Observation.of(record));
    }

    /** What the profiles topic says of a model version, over the catalog. */
    void profiled(String model, String modelVersion, boolean hasProfile) {
        profiled.computeIfAbsent(model, name -> new HashMap<>()).put(modelVersion, hasProfile);
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
}
