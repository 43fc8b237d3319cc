package io.modelwatch.cli.timeline;

import io.modelwatch.cli.timeline.ChartParts.AxisLabel;
import io.modelwatch.cli.timeline.ChartParts.Column;
import io.modelwatch.cli.timeline.ChartParts.Marker;
import io.modelwatch.cli.timeline.ChartParts.PlotArea;
import io.modelwatch.cli.timeline.ChartParts.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * Which features drifted when, in one picture: a row per feature, in the timeline's order (longest
 * drifted first), shaded where its windows drifted, with the decisions marked across all rows.
 */
public record DriftMap(double width, double height, PlotArea plot, List<Row> rows, List<AxisLabel> xTicks,
        List<Marker> markers, List<Column> columns) {

    static final double WIDTH = 1000;
    static final double LEFT = 170;
    static final double RIGHT = 70;
    static final double TOP = 8;
    static final double ROW = 20;
    static final double BOTTOM = 24;
    static final int MAX_LABEL_CHARS = 24;

    /**
     * One feature's row; {@code anchor} is the id of its chart card.
     *
     * @param label the name, shortened to fit; {@code name} is the whole of it
     * @param count e.g. {@code 9/13}: drifted windows of all
     */
    public record Row(String name, String label, String count, String anchor, double y, List<Rect> drifted) {}

    /** @param anchors the id of each feature's chart card, in the timeline's feature order */
    public static DriftMap of(Timeline timeline, List<String> anchors) {
        List<FeatureTimeline> features = timeline.features();
        PlotArea plot = new PlotArea(LEFT, TOP, WIDTH - LEFT - RIGHT, Math.max(1, features.size()) * ROW);
        TimeAxis axis = ChartParts.axis(timeline, plot.left(), plot.width());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            FeatureTimeline feature = features.get(i);
            double y = plot.top() + i * ROW;
            rows.add(new Row(feature.name(), shorten(feature.name()),
                    feature.driftedWindows() + "/" + timeline.size(), anchors.get(i), y,
                    ChartParts.runs(timeline, axis, feature.drifted(), y + 3, ROW - 6, "shade",
                            feature.name() + " drifted")));
        }
        List<AxisLabel> ticks = new ArrayList<>();
        for (TimeAxis.Tick tick : axis.ticks(Math.max(2, (int) (plot.width() / SvgLineChart.TICK_SPACING)))) {
            ticks.add(new AxisLabel(ChartParts.round(tick.x()), plot.bottom() + 16, tick.label(), "middle"));
        }
        List<Column> columns = ChartParts.columns(timeline, axis, (first, last) -> tooltip(timeline, first, last));
        return new DriftMap(WIDTH, plot.bottom() + BOTTOM, plot, rows, ticks, ChartParts.decisions(timeline, axis), columns);
    }

    private static String tooltip(Timeline timeline, int first, int last) {
        StringBuilder text = new StringBuilder(ChartParts.windowsHeading(timeline, first, last));
        List<String> drifted = new ArrayList<>();
        for (FeatureTimeline feature : timeline.features()) {
            long windows = feature.drifted().subList(first, last + 1).stream().filter(Boolean.TRUE::equals).count();
            if (windows > 0) {
                drifted.add(first == last ? feature.name() : feature.name() + " (" + windows + ")");
            }
        }
        text.append(drifted.isEmpty() ? "\nno feature drifted" : "\ndrifted: " + String.join(", ", drifted));
        return text.append(first == last ? "\nclick to open the window" : "\nclick to open the last of them").toString();
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LABEL_CHARS) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_LABEL_CHARS - 1)) + "…";
    }
}
