package io.modelwatch.retraining;

import io.modelwatch.common.testing.PinnedStateSchema;
import io.modelwatch.retraining.delivery.DeliveryRequest;
import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.rules.RuleSetRecord;
import io.modelwatch.retraining.rules.RuleState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The types of the trigger job's state, as Flink's type extraction sees them, pinned in {@code
 * src/test/resources/state/trigger-state-schema.txt}, so that a change to one of them is a
 * decision rather than an accident.
 *
 * <p>Flink's POJO serializer (records included) restores state written with an older shape of a
 * class only so far: an added field keeps the value a new instance has (a record's is null or 0);
 * a removed field's data is dropped; a renamed field is both, so its data is lost without an
 * error; a field of another type fails the restore; and a key, or the key of a map state, must
 * keep its shape exactly, or the restore fails. The waiting reports are whole window reports, so a
 * change to {@code WindowReport} or to any type it holds (in {@code io.modelwatch.common.report})
 * is a change of this state too. If a change here is intended: check it against these rules and
 * against {@code TriggerSavepointCompatibilityTest}, then write the file again with {@code
 * -Dstate.schema.write=true} and say why in the commit.
 */
class StateSchemaTest extends PinnedStateSchema {
    StateSchemaTest() {
        super(Path.of("src/test/resources/state/trigger-state-schema.txt"));
    }

    @Override
    protected Map<String, TypeInformation<?>> state() {
        Map<String, TypeInformation<?>> state = new LinkedHashMap<>();
        state.put("evaluate-rules key", TypeInformation.of(ModelVersionKey.class));
        state.put("evaluate-rules waiting-reports", Types.MAP(Types.LONG, TypeInformation.of(ReportEnvelope.class)));
        state.put("evaluate-rules last-evaluated-window-end", Types.LONG);
        state.put("evaluate-rules rule-states", Types.MAP(Types.STRING, TypeInformation.of(RuleState.class)));
        state.put("evaluate-rules rules-in-force (broadcast state)",
                Types.MAP(Types.STRING, TypeInformation.of(RuleSetRecord.class)));
        state.put("deliver-to-actions in-flight requests (operator list state)", TypeInformation.of(DeliveryRequest.class));
        return state;
    }
}
