package io.modelwatch.common.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Event timestamps: ISO-8601 with a zone (or offset), or epoch milliseconds. */
final class Timestamps {
    private Timestamps() {}

    static Instant parseIso(String field, String text) throws InvalidEventException {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field,
                    "expected ISO-8601 with zone (e.g. 2026-11-28T03:00:00Z) or epoch milliseconds, got '"
                            + abbreviate(text) + "'");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
