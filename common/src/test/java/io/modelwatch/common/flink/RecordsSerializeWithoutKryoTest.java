package io.modelwatch.common.flink;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.report.ReportFixtures;
import io.modelwatch.common.report.WindowReport;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink must serialize our records with its POJO serializer: Kryo is slow and breaks state evolution. */
class RecordsSerializeWithoutKryoTest {

    @Test
    void predictionEventIsAPojo() {
        assertSerializedAsPojoWithoutKryo(PredictionEvent.class);
    }

    @Test
    void featureValueIsAPojo() {
        assertSerializedAsPojoWithoutKryo(FeatureValue.class);
    }

    @Test
    void labelEventIsAPojo() {
        assertSerializedAsPojoWithoutKryo(LabelEvent.class);
    }

    @Test
    void windowReportIsAPojo() {
        assertSerializedAsPojoWithoutKryo(WindowReport.class);
    }

    @Test
    void fullWindowReportSurvivesFlinksSerializer() throws IOException {
        WindowReport report = ReportFixtures.fullReport();
        assertThat(roundTrip(WindowReport.class, report)).isEqualTo(report);
    }

    @Test
    void predictionEventWithMissingAndNullFieldsSurvivesFlinksSerializer() throws IOException {
        PredictionEvent event = new PredictionEvent("p", "m", "v1", Instant.parse("2026-11-28T03:00:00Z"),
                Map.of("age", FeatureValue.ofNumber(41), "region", FeatureValue.ofText("north"), "x", FeatureValue.MISSING),
                "1", Map.of("1", 0.7), null, null, null);
        assertThat(roundTrip(PredictionEvent.class, event)).isEqualTo(event);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
