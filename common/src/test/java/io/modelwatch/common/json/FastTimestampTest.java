package io.modelwatch.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path for UTC timestamps gives exactly what java.time's ISO parser gives, or leaves the text to it. */
class FastTimestampTest {

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    @Test
    void agreesWithTheIsoFormatterOnValidAndInvalidDatesTimesAndFractions() {
        Random random = new Random(7);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = String.format("%04d", random.nextInt(10_000)) + "-" + twoDigits(random.nextInt(14)) + "-"
                    + twoDigits(random.nextInt(33)) + "T" + twoDigits(random.nextInt(25)) + ":"
                    + twoDigits(random.nextInt(61)) + ":" + twoDigits(random.nextInt(61));
            int fraction = random.nextInt(12);
            if (fraction > 0) {
                StringBuilder digits = new StringBuilder(".");
                for (int d = 1; d < fraction; d++) {
                    digits.append((char) ('0' + random.nextInt(10)));
                }
                text += digits;
            }
            text += random.nextInt(10) == 0 ? "+00:00" : "Z";
            java.time.Instant expected;
            try {
                expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                expected = null;
            }
            java.time.Instant actual = Timestamps.parseUtc(text);
            if (actual != null) {
                fast++;
                assertThat(actual).as(text).isEqualTo(expected);
            }
        }
        assertThat(fast).as("texts the fast path read").isGreaterThan(20_000);
    }

    @Test
    void leapDaysAndTheEndsOfMonthsAreChecked() {
        assertThat(Timestamps.parseUtc("2024-02-29T00:00:00Z")).isEqualTo(java.time.Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(Timestamps.parseUtc("2023-02-29T00:00:00Z")).isNull();
        assertThat(Timestamps.parseUtc("1900-02-29T00:00:00Z")).isNull();
        assertThat(Timestamps.parseUtc("2000-02-29T23:59:59.999999999Z"))
                .isEqualTo(java.time.Instant.parse("2000-02-29T23:59:59.999999999Z"));
        assertThat(Timestamps.parseUtc("2026-04-31T00:00:00Z")).isNull();
        assertThat(Timestamps.parseUtc("2026-11-28T03:00:00.5Z")).isEqualTo(java.time.Instant.parse("2026-11-28T03:00:00.500Z"));
        assertThat(Timestamps.parseUtc("2026-11-28t03:00:00Z")).as("left to the general parser").isNull();
        assertThat(Timestamps.parseUtc("2026-11-28T03:00:00.Z")).isNull();
    }
}
