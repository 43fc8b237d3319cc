package io.modelwatch.common.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
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
        Instant utc = parseUtc(text);
        if (utc != null) {
            return inRange(field, utc);
        }
        try {
            return inRange(field, OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field,
                    "expected ISO-8601 with zone (e.g. 2026-11-28T03:00:00Z) or epoch milliseconds, got '"
                            + abbreviate(text) + "'");
        }
    }

    /**
     * The form nearly every producer writes, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} with 1 to 9
     * fraction digits, read without the general formatter (the job reads one per event); null for
     * any other text, which then takes the general path. The result is what the general path gives.
     */
    static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /** The number that {@code count} ASCII digits from {@code start} spell, or -1 if one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
