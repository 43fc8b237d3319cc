package io.modelwatch.common.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Record timestamps: ISO-8601 with a zone (or offset), or epoch milliseconds, within years 0001 to
 * 9999. The bound keeps every window, wait and cooldown (at most 100 years, see Durations) far
 * from overflowing epoch milliseconds, so one record at the edge of what the types hold is a dead
 * letter instead of an exception that would crash the job on every restart.
 */
public final class Timestamps {
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Timestamps() {}

    static Instant parseIso(String field, String text) throws InvalidEventException {
        try {
            return inRange(field, OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field,
                    "expected ISO-8601 with zone (e.g. 2026-11-28T03:00:00Z) or epoch milliseconds, got '"
                            + abbreviate(text) + "'");
        }
    }

    static Instant fromEpochMillis(String field, long millis) throws InvalidEventException {
        if (millis < EARLIEST.toEpochMilli() || millis > LATEST.toEpochMilli()) {
            throw outOfRange(field, millis + " epoch milliseconds");
        }
        return Instant.ofEpochMilli(millis);
    }

    /** @throws InvalidEventException when {@code instant} lies outside years 0001 to 9999 */
    public static Instant inRange(String field, Instant instant) throws InvalidEventException {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw outOfRange(field, abbreviate(instant.toString()));
        }
        return instant;
    }

    private static InvalidEventException outOfRange(String field, String value) {
        return new InvalidEventException(field, "must lie between " + EARLIEST + " and " + LATEST + ", got " + value);
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
