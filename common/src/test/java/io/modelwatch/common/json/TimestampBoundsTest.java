package io.modelwatch.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A timestamp at the edge of what the types hold is one rejected record naming its field — never an
 * overflow that would fail the job on this record after every restart.
 */
class TimestampBoundsTest {
    private static final EventCodec EVENTS = new EventCodec();
    private static final ReportCodec REPORTS = new ReportCodec();

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"", "\"10000-01-01T00:00:00Z\"",
        "\"-0001-12-31T23:59:59Z\"", "9223372036854775807", "-9223372036854775808", "253402300800000", "-62135596800001",
        "99999999999999999999"})
    void aPredictionOrLabelWithAnExtremeTimestampIsRejectedNamingTheField(String timestamp) {
        String prediction = "{\"prediction_id\": \"p\", \"model\": \"m\", \"prediction\": \"1\", \"timestamp\": " + timestamp + "}";
        String label = "{\"prediction_id\": \"p\", \"model\": \"m\", \"actual\": \"1\", \"timestamp\": " + timestamp + "}";

        assertThatThrownBy(() -> EVENTS.parsePrediction(bytes(prediction)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("timestamp"));
        assertThatThrownBy(() -> EVENTS.parseLabel(bytes(label)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("timestamp"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z"})
    void theEdgesOfTheRangeAreAccepted(String timestamp) throws Exception {
        String prediction = "{\"prediction_id\": \"p\", \"model\": \"m\", \"prediction\": \"1\", \"timestamp\": \"" + timestamp + "\"}";

        assertThat(EVENTS.parsePrediction(bytes(prediction)).timestamp()).isEqualTo(Instant.parse(timestamp));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "10000-01-01T00:00:00Z"})
    void aReportWithAnExtremeWindowIsRejectedNamingTheField(String end) {
        String report = "{\"model\": \"m\", \"model_version\": \"v\", \"window_start\": \"2026-11-28T00:00:00Z\", "
                + "\"window_end\": \"" + end + "\"}";

        assertThatThrownBy(() -> REPORTS.parse(bytes(report)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("window_end"));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
