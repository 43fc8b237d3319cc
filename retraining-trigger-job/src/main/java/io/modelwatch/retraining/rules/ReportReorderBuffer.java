package io.modelwatch.retraining.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Puts the reports of one (model, version) into window-end order for {@link RuleEvaluator},
 * tolerating reports that arrive up to {@code bound} out of order.
 *
 * <ul>
 *   <li>A held report is released, in window-end order, once a report whose window ends at least
 *       {@code bound} later has been offered (so with a bound of 0 reports arriving in order pass
 *       straight through), or on {@link #flush()} at the end of a bounded input.
 *   <li>A report with the same window end as a held or the last released one is a
 *       {@link Verdict#DUPLICATE} (a replay); the first one offered wins.
 *   <li>A report whose window ends before the last released one is {@link Verdict#LATE}: it
 *       cannot be evaluated in order any more. Neither changes the buffer; the caller may count or
 *       dead-letter them.
 * </ul>
 * Not thread-safe; holds at most the reports of one {@code bound}'s worth of windows.
 *
 * @param <R> the report type
 */
public final class ReportReorderBuffer<R> {
    public enum Verdict { ACCEPTED, DUPLICATE, LATE }

    /** What happened to an offered report, and the reports now released, oldest first. */
    public record Outcome<R>(Verdict verdict, List<R> released) {
        public Outcome {
            Objects.requireNonNull(verdict, "verdict");
            released = List.copyOf(released);
        }
    }

    private final Duration bound;
    private final Function<R, Instant> windowEnd;
    private final NavigableMap<Instant, R> held = new TreeMap<>();
    private Instant newestEnd;
    private Instant lastReleasedEnd;

    /** @param windowEnd reads a report's window end */
    public ReportReorderBuffer(Duration bound, Function<R, Instant> windowEnd) {
        if (bound.isNegative()) {
            throw new IllegalArgumentException("out-of-order bound must not be negative: " + bound);
        }
        this.bound = bound;
        this.windowEnd = Objects.requireNonNull(windowEnd, "windowEnd");
    }

    public Outcome<R> offer(R report) {
        Instant end = windowEnd.apply(report);
        if (held.containsKey(end) || end.equals(lastReleasedEnd)) {
            return new Outcome<>(Verdict.DUPLICATE, List.of());
        }
        if (lastReleasedEnd != null && end.isBefore(lastReleasedEnd)) {
            return new Outcome<>(Verdict.LATE, List.of());
        }
        held.put(end, report);
        if (newestEnd == null || end.isAfter(newestEnd)) {
            newestEnd = end;
        }
        return new Outcome<>(Verdict.ACCEPTED, release(held.headMap(newestEnd.minus(bound), true)));
    }

    /** Releases every held report, oldest first. */
    public List<R> flush() {
        return release(held);
    }

    private List<R> release(Map<Instant, R> due) {
        if (due.isEmpty()) {
            return List.of();
        }
        List<R> released = List.copyOf(due.values());
        lastReleasedEnd = windowEnd.apply(released.get(released.size() - 1));
        due.clear();
        return released;
    }
}
