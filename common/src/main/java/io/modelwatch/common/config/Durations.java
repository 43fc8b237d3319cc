package io.modelwatch.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration, rules files and on the command line:
 * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 {@code PT5M}. The one
 * reading of a duration in both jobs and the command line. Negative durations and durations over
 * {@link #MAX} are refused, so that no window, wait or cooldown can overflow event-time arithmetic.
 */
public final class Durations {
    /** A hundred years: longer than any window, wait or cooldown makes sense, far from overflowing epoch millis. */
    public static final Duration MAX = Duration.ofDays(36_500);
    private static final Pattern SHORT = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

    private Durations() {}

    /** @throws IllegalArgumentException naming the text, for anything else, negatives and durations over {@link #MAX} */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        Duration duration;
        try {
            Matcher shortForm = SHORT.matcher(trimmed);
            duration = shortForm.matches()
                    ? Duration.of(Long.parseLong(shortForm.group(1)), UNITS.get(shortForm.group(2)))
                    : Duration.parse(trimmed);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (expected e.g. 30s, 15m, 6h, 2d or PT6H)", e);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration '" + text + "' is negative");
        }
        if (duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("duration '" + text + "' is longer than the maximum " + format(MAX));
        }
        return duration;
    }

    /** The shortest of the short forms that is exact. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
