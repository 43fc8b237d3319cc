package io.modelwatch.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.modelwatch.common.report.WindowReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * JSON of window reports (docs/ARCHITECTURE.md section 3): snake_case keys, ISO-8601 instants, null for a
 * metric that cannot be computed. Thread-safe.
 */
public final class ReportCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("finite-numbers")
                    .addSerializer(Double.class, new FiniteDoubleSerializer())
                    .addSerializer(double.class, new FiniteDoubleSerializer()))
            .addModule(new SimpleModule("text-instants").addDeserializer(Instant.class, new TextInstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public byte[] write(WindowReport report) {
        try {
            return MAPPER.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String writeString(WindowReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WindowReport parse(byte[] json) throws InvalidEventException {
        Utf8Text.require(json);
        WindowReport report;
        try (JsonParser parser = MAPPER.createParser(json)) {
            report = MAPPER.readValue(parser, WindowReport.class);
            // as for events: a line with anything after the report is not a report
            if (report != null && parser.nextToken() != null) {
                throw new InvalidEventException("$", "unexpected content after the JSON object");
            }
        } catch (JsonMappingException e) {
            throw new InvalidEventException(path(e), e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("$", "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (report == null) {
            throw new InvalidEventException("$", "expected a JSON object, got null");
        }
        requireField("model", report.model());
        requireField("model_version", report.modelVersion());
        requireField("window_start", report.windowStart());
        requireField("window_end", report.windowEnd());
        Timestamps.inRange("window_start", report.windowStart());
        Timestamps.inRange("window_end", report.windowEnd());
        if (!report.windowEnd().isAfter(report.windowStart())) {
            throw new InvalidEventException("window_end", "must be after window_start (" + report.windowStart()
                    + "), got " + report.windowEnd());
        }
        return report;
    }

    private static void requireField(String field, Object value) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException(field, "is required");
        }
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "$";
        }
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /**
     * Instants as the contract writes them, ISO-8601 text. Jackson would also take a number, as epoch
     * seconds: a report stamped in epoch milliseconds would then land some 50,000 years away, or in
     * 1970 when the seconds were meant as milliseconds.
     */
    private static final class TextInstantDeserializer extends StdDeserializer<Instant> {
        TextInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser.currentToken(), parser,
                        "expected an ISO-8601 time as text, such as \"2026-11-28T03:00:00Z\"");
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    /** The contract forbids NaN and infinities in reports: a non-finite number is written as null. */
    private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
        FiniteDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }
}
