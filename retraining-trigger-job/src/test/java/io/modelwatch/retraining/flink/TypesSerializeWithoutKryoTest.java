package io.modelwatch.retraining.flink;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.control.ControlRecord;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import io.modelwatch.retraining.delivery.CompletedDelivery;
import io.modelwatch.retraining.delivery.DeliveryRequest;
import io.modelwatch.retraining.delivery.FinalOutcome;
import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.report.TestReports;
import io.modelwatch.retraining.rules.RuleSetRecord;
import io.modelwatch.retraining.rules.RuleState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** What flows between the job's operators or sits in its state is serialized by Flink's POJO serializer, never Kryo. */
class TypesSerializeWithoutKryoTest {
    private static final Decision DECISION = Decision.of("credit-default", "v3", "critical-drift", Severity.CRITICAL,
            Instant.parse("2026-11-28T03:00:00Z"), Instant.parse("2026-11-28T03:05:00Z"),
            Map.of("max_psi", 0.23, "drift_share", 0.4), List.of("retrain", "ml-alerts"));

    @Test
    void decisionIsAPojo() {
        assertSerializedAsPojoWithoutKryo(Decision.class);
    }

    @Test
    void reportEnvelopeIsAPojo() {
        assertSerializedAsPojoWithoutKryo(ReportEnvelope.class);
    }

    @Test
    void ruleStateIsAPojo() {
        assertSerializedAsPojoWithoutKryo(RuleState.class);
    }

    @Test
    void modelVersionKeyIsAPojo() {
        assertSerializedAsPojoWithoutKryo(ModelVersionKey.class);
    }

    @Test
    void auditRecordIsAPojo() {
        assertSerializedAsPojoWithoutKryo(AuditRecord.class);
    }

    @Test
    void deliveryRequestIsAPojo() {
        assertSerializedAsPojoWithoutKryo(DeliveryRequest.class);
    }

    @Test
    void completedDeliveryIsAPojo() {
        assertSerializedAsPojoWithoutKryo(CompletedDelivery.class);
    }

    @Test
    void ruleSetRecordIsAPojo() {
        assertSerializedAsPojoWithoutKryo(RuleSetRecord.class);
    }

    @Test
    void aValidAndARejectedRuleSetSurviveFlinksSerializer() throws IOException {
        RuleSetRecord valid = RuleSetRecord.decode(ControlRecord.of("retraining-rules", 0, 4, 1_000L,
                "rules".getBytes(StandardCharsets.UTF_8),
                "rules: [{name: r, when: max_psi >= 0.2, severity: info, actions: []}]".getBytes(StandardCharsets.UTF_8), Map.of()));
        RuleSetRecord rejected = RuleSetRecord.decode(ControlRecord.of("retraining-rules", 0, 5, 1_000L,
                "rules".getBytes(StandardCharsets.UTF_8), "rules: []".getBytes(StandardCharsets.UTF_8), Map.of()));

        assertThat(roundTrip(RuleSetRecord.class, valid)).isEqualTo(valid);
        assertThat(roundTrip(RuleSetRecord.class, rejected)).isEqualTo(rejected);
    }

    @Test
    void aDeliveryRequestAndItsOutcomeSurviveFlinksSerializer() throws IOException {
        DeliveryRequest request = new DeliveryRequest(DECISION, "retrain",
                "{\"type\":\"slack\",\"webhook_url_env\":\"SLACK\"}");
        CompletedDelivery outcome = new CompletedDelivery(DECISION, "retrain", "airflow", FinalOutcome.TIMED_OUT, 2, 0,
                "no final answer within 1000 ms");

        assertThat(roundTrip(DeliveryRequest.class, request)).isEqualTo(request);
        assertThat(roundTrip(CompletedDelivery.class, outcome)).isEqualTo(outcome);
    }

    @Test
    void aDecisionSurvivesFlinksSerializer() throws IOException {
        assertThat(roundTrip(Decision.class, DECISION)).isEqualTo(DECISION);
    }

    @Test
    void aValidAndARejectedEnvelopeSurviveFlinksSerializer() throws IOException {
        ReportEnvelope valid = TestReports.envelope("m", "v1", 3, 0.25);
        ReportEnvelope rejected = ReportEnvelope.read("model-window-reports", 2, 17, "{".getBytes(StandardCharsets.UTF_8));

        assertThat(roundTrip(ReportEnvelope.class, valid)).isEqualTo(valid);
        assertThat(roundTrip(ReportEnvelope.class, rejected)).isEqualTo(rejected);
    }

    @Test
    void aNeverFiredRuleStateSurvivesFlinksSerializer() throws IOException {
        assertThat(roundTrip(RuleState.class, RuleState.INITIAL)).isEqualTo(RuleState.INITIAL);
    }

    @Test
    void deadLettersSurviveFlinksSerializer() throws IOException {
        DeadLetter letter = new DeadLetter("reports.jsonl", -1, 4, "window_end: is required", "{}");
        assertThat(roundTrip(DeadLetter.class, letter)).isEqualTo(letter);
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
