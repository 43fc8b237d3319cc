package io.modelwatch.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON of prediction and label events (docs/ARCHITECTURE.md section 2). Parsing streams over the bytes with
 * Jackson's parser, the job's hot path; every rule an event breaks becomes an
 * {@link InvalidEventException} naming the field. Unknown top-level fields are ignored so
 * producers can add fields without breaking the job. Thread-safe.
 */
public final class EventCodec {
    // Python's json module writes NaN and Infinity; they are missing values, not bad events.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Correctly rounded like Double.parseDouble, several times faster: a number per feature per event.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    public PredictionEvent parsePrediction(byte[] json) throws InvalidEventException {
        return parse(json, EventCodec::readPrediction);
    }

    public LabelEvent parseLabel(byte[] json) throws InvalidEventException {
        return parse(json, EventCodec::readLabel);
    }

    private interface DocumentReader<T> {
        T read(JsonParser parser) throws IOException, InvalidEventException;
    }

    private static <T> T parse(byte[] json, DocumentReader<T> reader) throws InvalidEventException {
        Utf8Text.require(json);
        try (JsonParser parser = JSON.createParser(json)) {
            return reader.read(parser);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] write(PredictionEvent event) {
        return write(256, gen -> {
            gen.writeStringField("prediction_id", event.predictionId());
            gen.writeStringField("model", event.model());
            gen.writeStringField("model_version", event.modelVersion());
            gen.writeStringField("timestamp", event.timestamp().toString());
            gen.writeObjectFieldStart("features");
            for (Map.Entry<String, FeatureValue> feature : event.features().entrySet()) {
                gen.writeFieldName(feature.getKey());
                writeFeatureValue(gen, feature.getValue());
            }
            gen.writeEndObject();
            gen.writeStringField("prediction", event.prediction());
            if (event.probabilities() == null) {
                gen.writeNullField("probabilities");
            } else {
                gen.writeObjectFieldStart("probabilities");
                for (Map.Entry<String, Double> p : event.probabilities().entrySet()) {
                    gen.writeNumberField(p.getKey(), p.getValue());
                }
                gen.writeEndObject();
            }
            gen.writeStringField("actual", event.actual());
            if (event.latencyMs() == null) {
                gen.writeNullField("latency_ms");
            } else {
                gen.writeNumberField("latency_ms", event.latencyMs());
            }
            gen.writeStringField("error", event.error());
        });
    }

    public byte[] write(LabelEvent label) {
        return write(128, gen -> {
            gen.writeStringField("prediction_id", label.predictionId());
            gen.writeStringField("model", label.model());
            gen.writeStringField("actual", label.actual());
            gen.writeStringField("timestamp", label.timestamp().toString());
        });
    }

    private interface ObjectWriter {
        void writeFields(JsonGenerator gen) throws IOException;
    }

    private static byte[] write(int sizeHint, ObjectWriter fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            fields.writeFields(gen);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static PredictionEvent readPrediction(JsonParser parser) throws IOException, InvalidEventException {
        FieldReader read = startDocument(parser);
        String predictionId = null;
        String model = null;
        String modelVersion = null;
        Instant timestamp = null;
        Map<String, FeatureValue> features = Map.of();
        String prediction = null;
        Map<String, Double> probabilities = null;
        String actual = null;
        Double latencyMs = null;
        String error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "prediction_id" -> predictionId = read.string(field);
                case "model" -> model = read.string(field);
                case "model_version" -> modelVersion = read.string(field);
                case "timestamp" -> timestamp = read.timestamp(field);
                case "features" -> features = readFeatures(parser, read);
                case "prediction" -> prediction = read.label(field);
                case "probabilities" -> probabilities = readProbabilities(parser, read);
                case "actual" -> actual = read.label(field);
                case "latency_ms" -> latencyMs = readLatency(read);
                case "error" -> error = read.string(field);
                default -> parser.skipChildren();
            }
        }
        endDocument(parser);
        require("prediction_id", predictionId);
        require("model", model);
        require("timestamp", timestamp);
        if (prediction == null && error == null) {
            throw new InvalidEventException("prediction", "is required unless 'error' is set");
        }
        return new PredictionEvent(predictionId, model,
                modelVersion == null ? PredictionEvent.UNKNOWN_VERSION : modelVersion, timestamp, features,
                prediction, probabilities, actual, latencyMs, error);
    }

    private static LabelEvent readLabel(JsonParser parser) throws IOException, InvalidEventException {
        FieldReader read = startDocument(parser);
        String predictionId = null;
        String model = null;
        String actual = null;
        Instant timestamp = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "prediction_id" -> predictionId = read.string(field);
                case "model" -> model = read.string(field);
                case "actual" -> actual = read.label(field);
                case "timestamp" -> timestamp = read.timestamp(field);
                default -> parser.skipChildren();
            }
        }
        endDocument(parser);
        require("prediction_id", predictionId);
        require("actual", actual);
        require("timestamp", timestamp);
        return new LabelEvent(predictionId, model, actual, timestamp);
    }

    private static FieldReader startDocument(JsonParser parser) throws IOException, InvalidEventException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidEventException("$", "expected a JSON object, got " + FieldReader.describe(first));
        }
        return new FieldReader(parser);
    }

    private static void endDocument(JsonParser parser) throws IOException, InvalidEventException {
        if (parser.nextToken() != null) {
            throw new InvalidEventException("$", "unexpected content after the JSON object");
        }
    }

    private static Map<String, FeatureValue> readFeatures(JsonParser parser, FieldReader read)
            throws IOException, InvalidEventException {
        if (read.isNull()) {
            return Map.of();
        }
        read.expectObject("features");
        Map<String, FeatureValue> features = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            FeatureValue value = switch (token) {
                case VALUE_NULL -> FeatureValue.MISSING;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> FeatureValue.ofNumber(parser.getDoubleValue(), parser.getText());
                case VALUE_STRING, VALUE_TRUE, VALUE_FALSE -> FeatureValue.ofText(parser.getText());
                default -> throw new InvalidEventException("features." + name,
                        "expected a number, string, boolean or null, got " + FieldReader.describe(token));
            };
            features.put(name, value);
        }
        return Collections.unmodifiableMap(features);
    }

    private static Map<String, Double> readProbabilities(JsonParser parser, FieldReader read)
            throws IOException, InvalidEventException {
        if (read.isNull()) {
            return null;
        }
        read.expectObject("probabilities");
        Map<String, Double> probabilities = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String label = parser.currentName();
            parser.nextToken();
            String field = "probabilities." + label;
            Double score = read.number(field);
            if (score == null || score < 0 || score > 1) {
                throw new InvalidEventException(field, "expected a probability between 0 and 1, got " + parser.getText());
            }
            probabilities.put(label, score);
        }
        return Collections.unmodifiableMap(probabilities);
    }

    private static Double readLatency(FieldReader read) throws IOException, InvalidEventException {
        Double latency = read.number("latency_ms");
        if (latency != null && latency < 0) {
            throw new InvalidEventException("latency_ms", "must not be negative, got " + latency);
        }
        return latency;
    }

    private static void writeFeatureValue(JsonGenerator gen, FeatureValue value) throws IOException {
        if (value.isMissing()) {
            gen.writeNull();
        } else if (value.isNumber()) {
            gen.writeNumber(value.text());
        } else {
            gen.writeString(value.text());
        }
    }

    private static void require(String field, Object value) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException(field, "is required");
        }
    }

    private static InvalidEventException malformed(JsonProcessingException e) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new InvalidEventException("$", "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
}
