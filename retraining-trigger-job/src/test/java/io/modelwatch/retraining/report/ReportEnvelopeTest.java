package io.modelwatch.retraining.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportEnvelopeTest {

    @Test
    void aValidReportIsReadWithItsCoordinatesAndItsWindowEndAsEventTime() {
        ReportEnvelope envelope = read(TestReports.jsonLine("m", "v1", 2, 0.3));

        assertThat(envelope.isAccepted()).isTrue();
        assertThat(envelope.report()).isEqualTo(TestReports.report("m", "v1", 2, 0.3));
        assertThat(envelope.eventTime()).isEqualTo(TestReports.end(2).toEpochMilli());
        assertThat(envelope.rejection()).isNull();
    }

    @Test
    void aReportWithoutWindowEndIsRejectedNamingTheFieldAndKeepingThePayload() {
        String json = "{\"model\": \"m\", \"model_version\": \"v1\", \"window_start\": \"2026-11-28T00:00:00Z\"}";

        ReportEnvelope envelope = read(json);

        assertThat(envelope.isAccepted()).isFalse();
        assertThat(envelope.rejection()).isEqualTo(new DeadLetter("model-window-reports", 3, 41, "window_end: is required", json));
    }

    @Test
    void malformedJsonIsRejectedAndNeverMovesTheWatermark() {
        ReportEnvelope envelope = read("not json");

        assertThat(envelope.rejection().error()).startsWith("$: malformed JSON");
        assertThat(envelope.eventTime()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aLateReportsDeadLetterCarriesItsCoordinatesAndTheReportAsJson() {
        ReportEnvelope envelope = read(TestReports.jsonLine("m", "v1", 2, 0.3));

        assertThat(envelope.deadLetter("too late")).isEqualTo(new DeadLetter("model-window-reports", 3, 41, "too late",
                TestReports.jsonLine("m", "v1", 2, 0.3)));
    }

    private static ReportEnvelope read(String json) {
        return ReportEnvelope.read("model-window-reports", 3, 41, json.getBytes(StandardCharsets.UTF_8));
    }
}
