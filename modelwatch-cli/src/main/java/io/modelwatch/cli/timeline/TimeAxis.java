package io.modelwatch.cli.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart's x axis: time from {@code start} to {@code end} over {@code width} units from
 * {@code left}, with ticks at round UTC times, labelled as precisely as the step needs.
 */
public record TimeAxis(Instant start, Instant end, double left, double width) {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long[] STEPS = {SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
        MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR,
        12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 182 * DAY, 364 * DAY};
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_MINUTES = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** A tick: its position and label. */
    public record Tick(double x, String label) {}

    public TimeAxis {
        if (!end.isAfter(start)) {
            end = start.plusSeconds(1);
        }
    }

    public double x(Instant time) {
        double span = end.toEpochMilli() - start.toEpochMilli();
        return left + width * (time.toEpochMilli() - start.toEpochMilli()) / span;
    }

    /** The middle of a window, where its point is drawn. */
    public double x(Instant windowStart, Instant windowEnd) {
        return (x(windowStart) + x(windowEnd)) / 2;
    }

    public double right() {
        return left + width;
    }

    /** At most {@code maxTicks} ticks at a round step, inside the axis. */
    public List<Tick> ticks(int maxTicks) {
        long span = Duration.between(start, end).toMillis();
        long step = STEPS[STEPS.length - 1];
        for (long candidate : STEPS) {
            if (span / candidate < maxTicks) {
                step = candidate;
                break;
            }
        }
        long first = Math.floorDiv(start.toEpochMilli() + step - 1, step) * step;
        boolean severalDays = !DAYS.format(start).equals(DAYS.format(end.minusMillis(1)));
        DateTimeFormatter format = step >= DAY ? DAYS
                : severalDays ? DAY_MINUTES
                : step >= MINUTE ? MINUTES
                : SECONDS;
        List<Tick> ticks = new ArrayList<>();
        for (long time = first; time <= end.toEpochMilli(); time += step) {
            Instant tick = Instant.ofEpochMilli(time);
            ticks.add(new Tick(x(tick), format.format(tick)));
        }
        return ticks;
    }
}
