package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.WindowReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * What the timeline's charts have in common, in SVG user units: the plot area, axis labels,
 * the shading of drifted windows, the markers of decisions and state changes, and the columns that
 * show a window's values on hover and open it on a click.
 */
public final class ChartParts {
    /** The narrowest hover column; windows closer together than this share one. */
    static final double MIN_COLUMN = 4;
    /** Shaded runs closer together than this are drawn as one. */
    static final double MERGE_GAP = 0.5;
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private ChartParts() {}

    public record PlotArea(double left, double top, double width, double height) {
        public double right() {
            return left + width;
        }

        public double bottom() {
            return top + height;
        }
    }

    /** A text label; {@code anchor} is the SVG text-anchor (start, middle or end). */
    public record AxisLabel(double x, double y, String text, String anchor) {}

    /**
     * A rectangle with a tooltip: a shaded run of drifted windows, or a band of values.
     *
     * @param opacity 1 for a band or a run of windows that are all flagged; less for a span in which only some are
     */
    public record Rect(double x, double y, double width, double height, String cssClass, String title, double opacity) {}

    /**
     * A vertical line across the plot at {@code x}: a decision or a state change, with a tooltip.
     *
     * @param window the index of the window it belongs to, which a click opens; -1 for none
     */
    public record Marker(double x, String cssClass, String title, int window) {}

    /** The hover and click area of one window, or of the windows that share a few units of the axis. */
    public record Column(double x, double width, int window, String title) {}

    /** Every window's position: the middle of its span. */
    static double[] positions(Timeline timeline, TimeAxis axis) {
        double[] positions = new double[timeline.size()];
        for (int i = 0; i < positions.length; i++) {
            WindowReport window = timeline.windows().get(i);
            positions[i] = axis.x(window.windowStart(), window.windowEnd());
        }
        return positions;
    }

    static boolean[] holes(Timeline timeline) {
        boolean[] holes = new boolean[timeline.size()];
        for (int i = 1; i < holes.length; i++) {
            holes[i] = !timeline.continuesPrevious(i);
        }
        return holes;
    }

    /** The time axis of a model version: from its first window's start to its last window's or decision's end. */
    static TimeAxis axis(Timeline timeline, double left, double width) {
        Instant start = timeline.windows().get(0).windowStart();
        Instant end = timeline.windows().get(timeline.size() - 1).windowEnd();
        for (TimelineDecision decision : timeline.decisions()) {
            end = decision.windowEnd().isAfter(end) ? decision.windowEnd() : end;
            start = decision.windowEnd().isBefore(start) ? decision.windowEnd() : start;
        }
        return new TimeAxis(start, end, left, width);
    }

    /**
     * Shaded spans over the runs of windows flagged true, from the first one's start to the last one's end;
     * a hole in time ends a run. Runs less than {@value #MERGE_GAP} units apart are drawn as one span whose
     * opacity is the share of its windows that are flagged, so a feature drifting in every third of
     * thousands of windows shows paler than one drifting in all of them.
     */
    static List<Rect> runs(Timeline timeline, TimeAxis axis, List<Boolean> flags, double top, double height,
            String cssClass, String what) {
        List<Rect> rects = new ArrayList<>();
        int spanFirst = -1;
        int spanFlagged = 0;
        int i = 0;
        while (i < flags.size()) {
            if (!Boolean.TRUE.equals(flags.get(i))) {
                i++;
                continue;
            }
            int last = i;
            while (last + 1 < flags.size() && Boolean.TRUE.equals(flags.get(last + 1)) && timeline.continuesPrevious(last + 1)) {
                last++;
            }
            double x = axis.x(timeline.windows().get(i).windowStart());
            Rect previous = rects.isEmpty() ? null : rects.get(rects.size() - 1);
            if (previous != null && x - (previous.x() + previous.width()) < MERGE_GAP) {
                spanFlagged += last - i + 1;
                rects.set(rects.size() - 1, span(timeline, axis, spanFirst, last, spanFlagged, top, height, cssClass, what));
            } else {
                spanFirst = i;
                spanFlagged = last - i + 1;
                rects.add(span(timeline, axis, i, last, spanFlagged, top, height, cssClass, what));
            }
            i = last + 1;
        }
        return rects;
    }

    private static Rect span(Timeline timeline, TimeAxis axis, int first, int last, int flagged, double top, double height,
            String cssClass, String what) {
        WindowReport start = timeline.windows().get(first);
        WindowReport end = timeline.windows().get(last);
        double x = axis.x(start.windowStart());
        double width = Math.max(axis.x(end.windowEnd()) - x, 1);
        int windows = last - first + 1;
        String title = what + " in " + (flagged == windows ? "" : flagged + " of ")
                + (windows == 1 ? "the window " : windows + " windows ") + span(start.windowStart(), end.windowEnd());
        double share = (double) flagged / windows;
        return new Rect(round(x), top, round(width), height, cssClass, title, Math.round(Math.max(0.25, share) * 100) / 100.0);
    }

    /**
     * Hover and click columns: one per window, or per group of windows that fall within
     * {@value #MIN_COLUMN} units of the axis; a column opens its last window.
     *
     * @param title the tooltip of the windows from the first index to the last, inclusive
     */
    static List<Column> columns(Timeline timeline, TimeAxis axis, BiFunction<Integer, Integer, String> title) {
        double[] positions = positions(timeline, axis);
        List<Column> columns = new ArrayList<>();
        int i = 0;
        while (i < positions.length) {
            long group = (long) Math.floor((positions[i] - axis.left()) / MIN_COLUMN);
            int last = i;
            while (last + 1 < positions.length
                    && (long) Math.floor((positions[last + 1] - axis.left()) / MIN_COLUMN) == group) {
                last++;
            }
            double x = Math.max(axis.left(), axis.x(timeline.windows().get(i).windowStart()));
            double right = Math.min(axis.right(), axis.x(timeline.windows().get(last).windowEnd()));
            columns.add(new Column(round(x), round(Math.max(right - x, 1)), last, title.apply(i, last)));
            i = last + 1;
        }
        return columns;
    }

    /** The first line of a column's tooltip: its windows' span, and how many there are when more than one. */
    static String windowsHeading(Timeline timeline, int first, int last) {
        String span = span(timeline.windows().get(first).windowStart(), timeline.windows().get(last).windowEnd());
        return first == last ? "window " + span : span + " (" + (last - first + 1) + " windows)";
    }

    /**
     * Markers of the decisions that fired on this model version, at the middle of their window; decisions
     * on the same window (or within a unit of each other) share one.
     */
    static List<Marker> decisions(Timeline timeline, TimeAxis axis) {
        List<Marker> markers = new ArrayList<>();
        for (TimelineDecision decision : timeline.decisions()) {
            int window = timeline.windowOf(decision);
            double x = window >= 0 ? axis.x(timeline.windows().get(window).windowStart(), decision.windowEnd())
                    : decision.windowStart() != null ? axis.x(decision.windowStart(), decision.windowEnd())
                    : axis.x(decision.windowEnd());
            Marker marker = new Marker(round(x), "decision " + severityClass(decision.severity()), decisionTitle(decision),
                    window);
            Marker previous = markers.isEmpty() ? null : markers.get(markers.size() - 1);
            if (previous != null && Math.abs(previous.x() - marker.x()) < 1) {
                // Decisions on one window share a marker, coloured by the most severe of them.
                String cssClass = SEVERITIES.indexOf(severityClass(decision.severity()))
                        > SEVERITIES.indexOf(previous.cssClass().substring("decision ".length()))
                        ? marker.cssClass() : previous.cssClass();
                markers.set(markers.size() - 1, new Marker(previous.x(), cssClass,
                        previous.title() + "\n\n" + marker.title(), previous.window()));
            } else {
                markers.add(marker);
            }
        }
        return markers;
    }

    static String decisionTitle(TimelineDecision decision) {
        StringBuilder title = new StringBuilder("retraining decision: rule '").append(decision.rule()).append('\'');
        if (decision.severity() != null) {
            title.append(" (").append(decision.severity()).append(')');
        }
        title.append(" on the window ending ").append(DAY_TIME.format(decision.windowEnd())).append(" UTC");
        if (decision.reason() != null) {
            title.append("\nbecause ").append(decision.reason());
        }
        title.append("\nidempotency key ").append(decision.idempotencyKey());
        return title.toString();
    }

    /** A CSS class for a severity: info, warning or critical; anything else is shown as info. */
    public static String severityClass(String severity) {
        if (severity == null) {
            return "info";
        }
        String lower = severity.toLowerCase(Locale.ROOT);
        return lower.equals("critical") || lower.equals("warning") ? lower : "info";
    }

    /** Markers where the concept-drift detector changed state. */
    static List<Marker> stateChanges(Timeline timeline, TimeAxis axis) {
        List<Marker> markers = new ArrayList<>();
        for (Timeline.StateChange change : timeline.conceptDriftChanges()) {
            WindowReport window = timeline.windows().get(change.window());
            String state = change.to().toLowerCase(Locale.ROOT);
            markers.add(new Marker(round(axis.x(window.windowStart(), window.windowEnd())),
                    "concept " + (state.equals("drift") || state.equals("warning") ? state : "stable"),
                    "concept drift: " + change.from() + " → " + change.to() + " in the window "
                            + span(window.windowStart(), window.windowEnd()),
                    change.window()));
        }
        return markers;
    }

    /** {@code 2026-11-28 03:00:10–03:00:20 UTC}; the end's date is written only when it differs. */
    public static String span(Instant start, Instant end) {
        String from = DAY_TIME.format(start);
        String to = DAY_TIME.format(end);
        return from + "–" + (from.substring(0, 10).equals(to.substring(0, 10)) ? TIME.format(end) : to) + " UTC";
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
