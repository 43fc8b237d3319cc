package io.modelwatch.monitoring;

import io.modelwatch.common.conceptdrift.Adwin;
import io.modelwatch.common.conceptdrift.Ddm;
import io.modelwatch.common.conceptdrift.DetectorState;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.testing.PinnedStateSchema;
import io.modelwatch.monitoring.aggregate.MergePartials.ShardWindow;
import io.modelwatch.monitoring.aggregate.ModelKey;
import io.modelwatch.monitoring.aggregate.ShardKey;
import io.modelwatch.monitoring.flink.WindowAccumulatorTypeInfo;
import io.modelwatch.monitoring.groundtruth.ConceptDriftStatus;
import io.modelwatch.monitoring.groundtruth.ModelVersion;
import io.modelwatch.monitoring.groundtruth.PendingPrediction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The types of the monitoring job's state, as Flink's type extraction sees them, pinned in {@code
 * src/test/resources/state/monitoring-state-schema.txt}, so that a change to one of them is a
 * decision rather than an accident.
 *
 * <p>Flink's POJO serializer (records included) restores state written with an older shape of a
 * class only so far: an added field keeps the value a new instance has (a record's is null or 0);
 * a removed field's data is dropped; a renamed field is both, so its data is lost without an
 * error; a field of another type fails the restore; and a key, or the key of a map state, must
 * keep its shape exactly, or the restore fails. The window accumulator has its own versioned
 * format instead ({@code WindowAccumulatorFormatTest}). If a change here is intended: check it
 * against these rules and against {@code MonitoringSavepointCompatibilityTest}, then write the
 * file again with {@code -Dstate.schema.write=true} and say why in the commit.
 */
class StateSchemaTest extends PinnedStateSchema {
    StateSchemaTest() {
        super(Path.of("src/test/resources/state/monitoring-state-schema.txt"));
    }

    @Override
    protected Map<String, TypeInformation<?>> state() {
        Map<String, TypeInformation<?>> state = new LinkedHashMap<>();
        state.put("route-events admitted-models (operator list state)", Types.STRING);
        state.put("label-join key", Types.STRING);
        state.put("label-join prediction", TypeInformation.of(PendingPrediction.class));
        state.put("label-join label", TypeInformation.of(LabelEvent.class));
        state.put("label-join matched-until", TypeInformation.of(Long.class));
        state.put("partial-windows key", TypeInformation.of(ShardKey.class));
        state.put("partial-windows window-contents", WindowAccumulatorTypeInfo.INSTANCE);
        state.put("concept-drift key", TypeInformation.of(ModelVersion.class));
        state.put("concept-drift detector (concept-drift.detector: adwin)", TypeInformation.of(Adwin.class));
        state.put("concept-drift detector (concept-drift.detector: ddm)", TypeInformation.of(Ddm.class));
        state.put("concept-drift outcomes-by-label-time", Types.MAP(Types.LONG, new TypeHint<List<Integer>>() {}.getTypeInfo()));
        state.put("concept-drift reported-state", TypeInformation.of(DetectorState.class));
        state.put("merge-partials key", TypeInformation.of(ModelKey.class));
        state.put("merge-partials partials", Types.MAP(TypeInformation.of(ShardWindow.class), WindowAccumulatorTypeInfo.INSTANCE));
        state.put("merge-partials late-events", Types.LONG);
        state.put("merge-partials pending-concept-drift", Types.MAP(Types.LONG, TypeInformation.of(ConceptDriftStatus.class)));
        state.put("merge-partials concept-drift", TypeInformation.of(ConceptDriftStatus.class));
        return state;
    }
}
