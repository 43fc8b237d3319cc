package io.modelwatch.retraining.action;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} value: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
public final class RetryAfter {
    private RetryAfter() {}

    /** The wait the value asks for, from now; empty when absent or unreadable. A date in the past means now. */
    public static Optional<Duration> parse(Optional<String> headerValue, Clock clock) {
        return headerValue.map(String::trim).filter(v -> !v.isEmpty()).flatMap(value -> {
            if (value.chars().allMatch(Character::isDigit)) {
                try {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
                } catch (NumberFormatException tooLong) {
                    return Optional.empty();
                }
            }
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(untilNonNegative(at.toInstant().toEpochMilli(), clock));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        });
    }

    /** The wait until a moment given in Unix epoch seconds, such as GitHub's {@code x-ratelimit-reset}. */
    public static Optional<Duration> untilEpochSecond(Optional<String> epochSeconds, Clock clock) {
        return epochSeconds.map(String::trim).filter(v -> !v.isEmpty() && v.length() <= 12 && v.chars().allMatch(Character::isDigit))
                .map(v -> untilNonNegative(Long.parseLong(v) * 1000, clock));
    }

    private static Duration untilNonNegative(long epochMillis, Clock clock) {
        return Duration.ofMillis(Math.max(0, epochMillis - clock.millis()));
    }
}
