package io.modelwatch.monitoring.groundtruth;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import org.junit.jupiter.api.Test;

/** What the label join and the detectors keep in state or emit is serialized by Flink's POJO serializer. */
class GroundTruthTypesTest {

    @Test
    void labeledOutcomeIsAPojo() {
        assertSerializedAsPojoWithoutKryo(LabeledOutcome.class);
    }

    @Test
    void pendingPredictionIsAPojo() {
        assertSerializedAsPojoWithoutKryo(PendingPrediction.class);
    }

    @Test
    void conceptDriftStatusIsAPojo() {
        assertSerializedAsPojoWithoutKryo(ConceptDriftStatus.class);
    }

    @Test
    void modelVersionKeyIsAPojo() {
        assertSerializedAsPojoWithoutKryo(ModelVersion.class);
    }
}
