package io.modelwatch.retraining.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as written in the rules file: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 6h}, {@code 2d}, or ISO-8601 {@code PT6H}. */
public final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

    private DurationText() {}

    /** @throws IllegalArgumentException for anything else, and for negative durations */
    public static Duration parse(String text) {
        try {
            Matcher shortForm = SHORT.matcher(text);
            Duration duration = shortForm.matches()
                    ? Duration.of(Long.parseLong(shortForm.group(1)), UNITS.get(shortForm.group(2)))
                    : Duration.parse(text);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration '" + text + "' is negative");
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (expected e.g. 30s, 15m, 6h, 2d or PT6H)", e);
        }
    }
}
