package io.modelwatch.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads the value under the parser's current token as the type a field needs, turning every
 * mismatch into an {@link InvalidEventException} that names the field.
 */
final class FieldReader {
    private final JsonParser parser;

    FieldReader(JsonParser parser) {
        this.parser = parser;
    }

    JsonToken token() {
        return parser.currentToken();
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** A non-empty string, or null when the JSON value is null. */
    String string(String field) throws IOException, InvalidEventException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidEventException(field, "expected a string, got " + describe(token));
        }
        String text = parser.getText();
        if (text.isEmpty()) {
            throw new InvalidEventException(field, "must not be empty");
        }
        return text;
    }

    /** A class label: a string, an integer or a boolean, compared as text; null when the JSON value is null. */
    String label(String field) throws IOException, InvalidEventException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
            case VALUE_NUMBER_FLOAT -> finiteNumberText(field);
            default -> throw new InvalidEventException(field, "expected a string or a number, got " + describe(token));
        };
    }

    /** A finite number, or null when the JSON value is null. */
    Double number(String field) throws IOException, InvalidEventException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isNumeric()) {
            throw new InvalidEventException(field, "expected a number, got " + describe(token));
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw new InvalidEventException(field, "must be a finite number, got " + parser.getText());
        }
        return value;
    }

    Instant timestamp(String field) throws IOException, InvalidEventException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return Timestamps.parseIso(field, parser.getText());
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new InvalidEventException(field, "epoch milliseconds out of range, got " + Timestamps.abbreviate(parser.getText()));
            }
            return Timestamps.fromEpochMillis(field, parser.getLongValue());
        }
        if (token == JsonToken.VALUE_NULL) {
            throw new InvalidEventException(field, "is required");
        }
        throw new InvalidEventException(field,
                "expected ISO-8601 with zone or integer epoch milliseconds, got " + describe(token));
    }

    void expectObject(String field) throws InvalidEventException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidEventException(field, "expected an object, got " + describe(token));
        }
    }

    private String finiteNumberText(String field) throws IOException, InvalidEventException {
        if (!Double.isFinite(parser.getDoubleValue())) {
            throw new InvalidEventException(field, "must be a finite number, got " + parser.getText());
        }
        return parser.getText();
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
