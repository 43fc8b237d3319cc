package io.modelwatch.monitoring;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import io.modelwatch.monitoring.flink.Observation;
import io.modelwatch.monitoring.flink.ReportNote;
import io.modelwatch.monitoring.ingest.IncomingLabel;
import org.junit.jupiter.api.Test;

/** The records the job passes between operators for the ground truth are serialized as POJOs, never by Kryo. */
class JobRecordsAreFlinkPojosTest {

    @Test
    void incomingLabelIsAPojo() {
        assertSerializedAsPojoWithoutKryo(IncomingLabel.class);
    }

    @Test
    void observationIsAPojo() {
        assertSerializedAsPojoWithoutKryo(Observation.class);
    }

    @Test
    void reportNoteIsAPojo() {
        assertSerializedAsPojoWithoutKryo(ReportNote.class);
    }
}
