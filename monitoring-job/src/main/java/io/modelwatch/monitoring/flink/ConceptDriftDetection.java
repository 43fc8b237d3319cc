package io.modelwatch.monitoring.flink;

import io.modelwatch.common.conceptdrift.ConceptDriftDetector;
import io.modelwatch.common.conceptdrift.DetectorState;
import io.modelwatch.monitoring.groundtruth.ConceptDriftStatus;
import io.modelwatch.monitoring.groundtruth.DetectorKind;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.groundtruth.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs a concept-drift detector over one model version's outcomes (1 = wrong, 0 = right) in the
 * event-time order of their labels, and emits its state when the first outcome reaches it
 * ({@code stable}, never changed) and whenever it changes. Outcomes wait in keyed state until the
 * watermark passes their label time, because labels arrive out of order; the detector itself is
 * keyed state too, so it survives restarts. Statuses carry their label time as record timestamp.
 *
 * <p>At most one status per label time: the most severe state that any outcome of that label time left
 * the detector in, emitted when it differs from the previous status. A drift lasts one outcome (both
 * detectors reset right after it), and downstream keeps the last status of a label time, so a drift
 * followed by a stable outcome of the same label time must not be emitted as drift, then stable; the
 * stable state is emitted at the next label time instead.
 */
public class ConceptDriftDetection extends KeyedProcessFunction<ModelVersion, LabeledOutcome, ConceptDriftStatus> {

    /** The detectors a job can run; the report names the one it runs. */
    private final DetectorKind detector;
    private transient ValueState<ConceptDriftDetector> state;
    /** The state of the last status emitted; empty in state written before it existed. */
    private transient ValueState<DetectorState> reported;
    private transient MapState<Long, List<Integer>> waiting;

    public ConceptDriftDetection(DetectorKind detector) {
        this.detector = detector;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext context) {
        TypeInformation<ConceptDriftDetector> detectorType =
                (TypeInformation<ConceptDriftDetector>) (TypeInformation<?>) TypeInformation.of(detector.type());
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("detector", detectorType));
        reported = getRuntimeContext().getState(new ValueStateDescriptor<>("reported-state", DetectorState.class));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "outcomes-by-label-time", Types.LONG, TypeInformation.of(new TypeHint<List<Integer>>() {})));
    }

    @Override
    public void processElement(LabeledOutcome outcome, Context context, Collector<ConceptDriftStatus> out) throws Exception {
        long labelTime = outcome.labelTime().toEpochMilli();
        List<Integer> errors = waiting.get(labelTime);
        if (errors == null) {
            errors = new ArrayList<>();
            context.timerService().registerEventTimeTimer(labelTime);
        }
        errors.add(outcome.error());
        waiting.put(labelTime, errors);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<ConceptDriftStatus> out) throws Exception {
        ModelVersion key = context.getCurrentKey();
        ConceptDriftDetector current = state.value();
        DetectorState before = reported.value();
        if (current == null) {
            current = detector.type().getConstructor().newInstance();
            out.collect(new ConceptDriftStatus(key.model(), key.version(), current.name(),
                    current.getState().wireName(), null));
            before = current.getState();
        } else if (before == null) {
            before = current.getState();
        }
        DetectorState mostSevere = null;
        for (int error : waiting.get(timestamp)) {
            DetectorState after = current.update(error);
            if (mostSevere == null || after.compareTo(mostSevere) > 0) {
                mostSevere = after;
            }
        }
        if (mostSevere != before) {
            out.collect(new ConceptDriftStatus(key.model(), key.version(), current.name(),
                    mostSevere.wireName(), Instant.ofEpochMilli(timestamp)));
        }
        reported.update(mostSevere);
        waiting.remove(timestamp);
        state.update(current);
    }
}
