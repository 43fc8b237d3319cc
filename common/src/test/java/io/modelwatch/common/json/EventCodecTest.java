package io.modelwatch.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {
    private static final String VALID = """
            {"prediction_id": "b7e1", "model": "credit-default", "model_version": "v3",
             "timestamp": "2026-11-28T03:00:00.123Z",
             "features": {"income": 52000.0, "age": 41, "utilization": 0.31, "region": "north",
                          "segment": null, "vip": true},
             "prediction": "1",
             "probabilities": {"0": 0.27, "1": 0.73},
             "actual": "1",
             "latency_ms": 12.4,
             "error": null}
            """;

    private final EventCodec codec = new EventCodec();

    private PredictionEvent parse(String json) throws InvalidEventException {
        return codec.parsePrediction(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The valid event with one top-level field replaced by raw JSON (or removed when json is null). */
    private static String withField(String field, String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("prediction_id", "\"b7e1\"");
        fields.put("model", "\"credit-default\"");
        fields.put("timestamp", "\"2026-11-28T03:00:00Z\"");
        fields.put("features", "{\"age\": 41}");
        fields.put("prediction", "\"1\"");
        if (json == null) {
            fields.remove(field);
        } else {
            fields.put(field, json);
        }
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }

    @Test
    void everyFieldOfTheContractExampleIsRead() throws Exception {
        PredictionEvent event = parse(VALID);
        assertThat(event.predictionId()).isEqualTo("b7e1");
        assertThat(event.model()).isEqualTo("credit-default");
        assertThat(event.modelVersion()).isEqualTo("v3");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-28T03:00:00.123Z"));
        assertThat(event.features()).containsExactly(
                Map.entry("income", new FeatureValue(52000.0, "52000.0")),
                Map.entry("age", new FeatureValue(41.0, "41")),
                Map.entry("utilization", new FeatureValue(0.31, "0.31")),
                Map.entry("region", FeatureValue.ofText("north")),
                Map.entry("segment", FeatureValue.MISSING),
                Map.entry("vip", FeatureValue.ofText("true")));
        assertThat(event.prediction()).isEqualTo("1");
        assertThat(event.probabilities()).containsExactly(Map.entry("0", 0.27), Map.entry("1", 0.73));
        assertThat(event.actual()).isEqualTo("1");
        assertThat(event.latencyMs()).isEqualTo(12.4);
        assertThat(event.error()).isNull();
        assertThat(event.isError()).isFalse();
    }

    @Test
    void writtenEventParsesBackToTheSameEvent() throws Exception {
        PredictionEvent event = parse(VALID);
        assertThat(codec.parsePrediction(codec.write(event))).isEqualTo(event);
    }

    @Test
    void eventWithErrorAndNoPredictionRoundTrips() throws Exception {
        PredictionEvent failed = new PredictionEvent("p1", "m", "v1", Instant.ofEpochMilli(1764298800000L),
                Map.of("x", FeatureValue.ofNumber(1.5)), null, null, null, null, "timeout");
        assertThat(codec.parsePrediction(codec.write(failed))).isEqualTo(failed);
    }

    @Test
    void labelRoundTrips() throws Exception {
        LabelEvent label = new LabelEvent("b7e1", "credit-default", "0", Instant.parse("2026-11-28T09:12:00Z"));
        assertThat(codec.parseLabel(codec.write(label))).isEqualTo(label);
    }

    @Test
    void labelFromTheContractExampleIsRead() throws Exception {
        LabelEvent label = codec.parseLabel("""
                {"prediction_id": "b7e1", "model": "credit-default", "actual": "0", "timestamp": "2026-11-28T09:12:00Z"}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(label).isEqualTo(new LabelEvent("b7e1", "credit-default", "0", Instant.parse("2026-11-28T09:12:00Z")));
    }

    @Test
    void modelVersionDefaultsToUnknown() throws Exception {
        assertThat(parse(withField("model_version", null)).modelVersion()).isEqualTo("unknown");
    }

    @Test
    void timestampMayBeEpochMilliseconds() throws Exception {
        assertThat(parse(withField("timestamp", "1795834800123")).timestamp())
                .isEqualTo(Instant.parse("2026-11-28T03:00:00.123Z"));
    }

    @Test
    void timestampWithAnOffsetIsConvertedToUtc() throws Exception {
        assertThat(parse(withField("timestamp", "\"2026-11-28T04:00:00+01:00\"")).timestamp())
                .isEqualTo(Instant.parse("2026-11-28T03:00:00Z"));
    }

    @Test
    void nanAndInfinityFeaturesAreMissingValues() throws Exception {
        PredictionEvent event = parse(withField("features", "{\"a\": NaN, \"b\": Infinity, \"c\": -Infinity, \"d\": 1e400}"));
        assertThat(event.features().values()).containsOnly(FeatureValue.MISSING);
    }

    @Test
    void integerPredictionIsComparedAsText() throws Exception {
        assertThat(parse(withField("prediction", "1")).prediction()).isEqualTo("1");
    }

    @Test
    void unknownTopLevelFieldsAreIgnored() throws Exception {
        assertThat(parse(withField("request", "{\"ip\": [1, 2]}")).predictionId()).isEqualTo("b7e1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing prediction_id         | prediction_id |                                   | prediction_id: is required
            numeric prediction_id         | prediction_id | 17                                | prediction_id: expected a string, got a number
            empty prediction_id           | prediction_id | ""                                | prediction_id: must not be empty
            missing model                 | model         |                                   | model: is required
            model as an object            | model         | {"name": "m"}                     | model: expected a string, got an object
            missing timestamp             | timestamp     |                                   | timestamp: is required
            null timestamp                | timestamp     | null                              | timestamp: is required
            timestamp without zone        | timestamp     | "2026-11-28T03:00:00"             | timestamp: expected ISO-8601 with zone (e.g. 2026-11-28T03:00:00Z) or epoch milliseconds, got '2026-11-28T03:00:00'
            timestamp as text             | timestamp     | "yesterday"                       | timestamp: expected ISO-8601 with zone (e.g. 2026-11-28T03:00:00Z) or epoch milliseconds, got 'yesterday'
            fractional epoch              | timestamp     | 1764298800.5                      | timestamp: expected ISO-8601 with zone or integer epoch milliseconds, got a number
            boolean timestamp             | timestamp     | true                              | timestamp: expected ISO-8601 with zone or integer epoch milliseconds, got a boolean
            features as an array          | features      | [1, 2]                            | features: expected an object, got an array
            nested feature value          | features      | {"age": {"years": 41}}            | features.age: expected a number, string, boolean or null, got an object
            array feature value           | features      | {"tags": ["a"]}                   | features.tags: expected a number, string, boolean or null, got an array
            missing prediction            | prediction    |                                   | prediction: is required unless 'error' is set
            prediction as an array        | prediction    | ["1"]                             | prediction: expected a string or a number, got an array
            probabilities as a number     | probabilities | 0.7                               | probabilities: expected an object, got a number
            probability as text           | probabilities | {"1": "high"}                     | probabilities.1: expected a number, got a string
            probability above one         | probabilities | {"1": 1.5}                        | probabilities.1: expected a probability between 0 and 1, got 1.5
            probability NaN               | probabilities | {"1": NaN}                        | probabilities.1: must be a finite number, got NaN
            actual as an object           | actual        | {}                                | actual: expected a string or a number, got an object
            latency as text               | latency_ms    | "12ms"                            | latency_ms: expected a number, got a string
            negative latency              | latency_ms    | -3.0                              | latency_ms: must not be negative, got -3.0
            infinite latency              | latency_ms    | Infinity                          | latency_ms: must be a finite number, got Infinity
            error as a number             | error         | 500                               | error: expected a string, got a number
            """)
    void eachValidationRuleNamesTheFieldAndTheReason(String rule, String field, String json, String message) {
        assertThatThrownBy(() -> parse(withField(field, json)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo(message.substring(0, message.indexOf(':'))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty input            | ''                      | $: expected a JSON object, got nothing
            array document         | [1]                     | $: expected a JSON object, got an array
            string document        | "event"                 | $: expected a JSON object, got a string
            trailing content       | {"model": "m"} {"x": 1} | $: unexpected content after the JSON object
            """)
    void documentLevelProblemsNameTheDocument(String rule, String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidEventException.class).hasMessage(message);
    }

    @Test
    void truncatedJsonIsMalformedWithItsPosition() {
        assertThatThrownBy(() -> parse("{\"prediction_id\": \"b7e1\", \"model\": "))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo("$");
                    assertThat(e.reason()).startsWith("malformed JSON at line 1, column ");
                });
    }

    @Test
    void invalidUtf8IsMalformedNotACrash() {
        byte[] bytes = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> codec.parsePrediction(bytes))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("$"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing prediction_id | {"actual": "1", "timestamp": 0}                           | prediction_id: is required
            missing actual        | {"prediction_id": "p", "timestamp": 0}                    | actual: is required
            missing timestamp     | {"prediction_id": "p", "actual": "1"}                     | timestamp: is required
            bad timestamp         | {"prediction_id": "p", "actual": "1", "timestamp": "now"} | timestamp: expected ISO-8601 with zone (e.g. 2026-11-28T03:00:00Z) or epoch milliseconds, got 'now'
            """)
    void labelValidationNamesTheField(String rule, String json, String message) {
        assertThatThrownBy(() -> codec.parseLabel(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(message);
    }
}
