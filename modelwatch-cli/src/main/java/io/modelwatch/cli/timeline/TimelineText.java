package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.WindowReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How the timeline page writes times and summaries in words. */
public final class TimelineText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private TimelineText() {}

    /** {@code 2026-11-28 03:01:40 UTC}, or a dash for none. */
    public static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant) + " UTC";
    }

    /** {@code 03:01:40}: the time of day, UTC. */
    public static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    public static String window(WindowReport window) {
        return ChartParts.span(window.windowStart(), window.windowEnd());
    }

    /** The headline of a model version's current state. */
    public static String headline(TimelineSummary summary) {
        TimelineSummary.Current current = summary.current();
        return switch (current.state()) {
            case TimelineSummary.DRIFTING -> "Drifting: " + names(current.driftedFeatures());
            case TimelineSummary.STABLE -> "Stable: no feature drifted in the latest window";
            default -> "No drift verdict: no window compared its features with a reference";
        };
    }

    /** The sentence under the headline: how long, since when, and how often. */
    public static String story(Timeline timeline) {
        TimelineSummary summary = timeline.summary();
        TimelineSummary.Current current = summary.current();
        StringBuilder text = new StringBuilder();
        if (current.state().equals(TimelineSummary.DRIFTING)) {
            WindowReport since = timeline.windows().get(current.window() - current.driftedRun() + 1);
            text.append("Drifting for ").append(plural(current.driftedRun(), "window"))
                    .append(", since ").append(time(since.windowStart())).append(". ");
        }
        text.append(summary.driftedWindows()).append(" of ").append(plural(summary.windows(), "window"))
                .append(" had a drifted feature");
        if (summary.firstDriftedWindow() != null) {
            text.append(", the first at ").append(time(timeline.windows().get(summary.firstDriftedWindow()).windowStart()));
        }
        text.append(". ");
        if (current.conceptDrift() != null) {
            text.append("Concept drift: ").append(current.conceptDrift()).append(". ");
        }
        text.append(summary.decisions() == 0 ? "No retraining decision fired."
                : plural(summary.decisions(), "retraining decision") + " fired: " + byRule(summary.decisionsByRule()) + ".");
        return text.toString();
    }

    public static String byRule(Map<String, Integer> decisions) {
        return decisions.entrySet().stream().map(rule -> rule.getKey() + " × " + rule.getValue())
                .collect(Collectors.joining(", "));
    }

    public static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String names(List<String> names) {
        return String.join(", ", names);
    }
}
