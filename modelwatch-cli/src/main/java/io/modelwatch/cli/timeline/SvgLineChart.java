package io.modelwatch.cli.timeline;

import io.modelwatch.cli.timeline.ChartParts.AxisLabel;
import io.modelwatch.cli.timeline.ChartParts.Column;
import io.modelwatch.cli.timeline.ChartParts.Marker;
import io.modelwatch.cli.timeline.ChartParts.PlotArea;
import io.modelwatch.cli.timeline.ChartParts.Rect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line chart of a model version's windows, in SVG user units: a path per series over time,
 * thinned by {@link Downsampler} to a pixel's resolution, with gaps where windows have no value.
 * Around the lines: y ticks, time ticks, value bands (PSI's 0.1 and 0.2), shaded drifted windows,
 * decision and state-change markers, and a hover column per window whose tooltip names the window
 * and its values and whose click opens the window.
 *
 * @param lines the series, drawn in order
 * @param dashed the dashed series (thresholds), drawn under the lines
 * @param empty whether no series has a value, so the chart says so instead
 */
public record SvgLineChart(String label, double width, double height, PlotArea plot, List<AxisLabel> yTicks,
        List<AxisLabel> xTicks, List<Rect> bands, List<Rect> shades, List<Line> dashed, List<Line> lines,
        List<Marker> markers, List<Column> columns, boolean empty) {

    static final double LEFT = 58;
    static final double RIGHT = 14;
    static final double TOP = 16;
    static final double BOTTOM = 24;
    static final int Y_INTERVALS = 5;
    /** Pixels per time tick label, at most. */
    static final double TICK_SPACING = 110;

    /** A series as one SVG path of line segments, and dots for the points that have no neighbour to join. */
    public record Line(String cssClass, String label, String path, List<Dot> dots) {}

    public record Dot(double x, double y) {}

    public static Builder builder(Timeline timeline, double width, double height, ValueFormat format) {
        return new Builder(timeline, width, height, format);
    }

    /** What to draw; {@link #build()} lays it out. */
    public static final class Builder {
        private final Timeline timeline;
        private final double width;
        private final double height;
        private final ValueFormat format;
        private final List<Series> series = new ArrayList<>();
        private final List<double[]> bands = new ArrayList<>();
        private final List<String> bandClasses = new ArrayList<>();
        private final List<Double> included = new ArrayList<>();
        private Double fixedMin;
        private Double fixedMax;
        private double floor = Double.NEGATIVE_INFINITY;
        private double ceiling = Double.POSITIVE_INFINITY;
        private List<Boolean> shaded;
        private String shadeTitle;
        private boolean decisions;
        private boolean stateChanges;
        private String label = "";

        private record Series(String label, String cssClass, TimelineSeries values, boolean dashed) {}

        private Builder(Timeline timeline, double width, double height, ValueFormat format) {
            this.timeline = timeline;
            this.width = width;
            this.height = height;
            this.format = format;
        }

        public Builder label(String text) {
            this.label = text;
            return this;
        }

        public Builder line(String seriesLabel, String cssClass, TimelineSeries values) {
            series.add(new Series(seriesLabel, cssClass, values, false));
            return this;
        }

        /** A dashed line under the others: a threshold that may change from window to window. */
        public Builder dashed(String seriesLabel, String cssClass, TimelineSeries values) {
            series.add(new Series(seriesLabel, cssClass, values, true));
            return this;
        }

        /** A band of values, from {@code low} up to {@code high} (or the top of the axis). */
        public Builder band(double low, double high, String cssClass) {
            bands.add(new double[] {low, high});
            bandClasses.add(cssClass);
            return this;
        }

        /** Values the y axis must show, though no window has them. */
        public Builder include(double... values) {
            for (double value : values) {
                included.add(value);
            }
            return this;
        }

        /** Fixed bounds of the y axis. */
        public Builder range(double min, double max) {
            fixedMin = min;
            fixedMax = max;
            return this;
        }

        /** Bounds the automatic y axis never passes (shares stay within 0 and 1). */
        public Builder within(double min, double max) {
            floor = min;
            ceiling = max;
            return this;
        }

        /** Shades the windows flagged true, naming them {@code what} in the tooltip. */
        public Builder shade(List<Boolean> flags, String what) {
            shaded = flags;
            shadeTitle = what;
            return this;
        }

        public Builder decisions() {
            decisions = true;
            return this;
        }

        public Builder conceptDriftChanges() {
            stateChanges = true;
            return this;
        }

        public SvgLineChart build() {
            PlotArea plot = new PlotArea(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM);
            TimeAxis axis = ChartParts.axis(timeline, plot.left(), plot.width());
            boolean empty = series.stream().noneMatch(one -> one.values().present());
            ValueAxis values = valueAxis(empty);

            List<AxisLabel> yTicks = new ArrayList<>();
            for (double tick : values.ticks()) {
                yTicks.add(new AxisLabel(plot.left() - 6, ChartParts.round(y(plot, values, tick)),
                        format.tick(tick, values.step()), "end"));
            }
            List<AxisLabel> xTicks = new ArrayList<>();
            for (TimeAxis.Tick tick : axis.ticks(Math.max(2, (int) (plot.width() / TICK_SPACING)))) {
                xTicks.add(new AxisLabel(ChartParts.round(tick.x()), plot.bottom() + 16, tick.label(), "middle"));
            }
            List<Rect> bandRects = new ArrayList<>();
            for (int i = 0; i < bands.size(); i++) {
                double top = y(plot, values, Math.min(bands.get(i)[1], values.max()));
                double bottom = y(plot, values, Math.max(bands.get(i)[0], values.min()));
                if (bottom > top) {
                    bandRects.add(new Rect(plot.left(), ChartParts.round(top), plot.width(), ChartParts.round(bottom - top),
                            bandClasses.get(i), null, 1));
                }
            }
            List<Rect> shades = shaded == null ? List.of()
                    : ChartParts.runs(timeline, axis, shaded, plot.top(), plot.height(), "shade", shadeTitle);

            double[] positions = ChartParts.positions(timeline, axis);
            boolean[] holes = ChartParts.holes(timeline);
            Downsampler downsampler = new Downsampler(plot.left(), 1);
            List<Line> dashedLines = new ArrayList<>();
            List<Line> lines = new ArrayList<>();
            for (Series one : series) {
                Line line = line(one, downsampler.segments(positions, one.values().values(), holes), positions, plot, values);
                (one.dashed() ? dashedLines : lines).add(line);
            }
            List<Marker> markers = new ArrayList<>();
            if (stateChanges) {
                markers.addAll(ChartParts.stateChanges(timeline, axis));
            }
            if (decisions) {
                markers.addAll(ChartParts.decisions(timeline, axis));
            }
            List<Column> columns = ChartParts.columns(timeline, axis, this::tooltip);
            return new SvgLineChart(label, width, height, plot, yTicks, xTicks, bandRects, shades, dashedLines, lines,
                    markers, columns, empty);
        }

        private ValueAxis valueAxis(boolean empty) {
            if (fixedMin != null) {
                return ValueAxis.around(fixedMin, fixedMax, Y_INTERVALS);
            }
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (Series one : series) {
                if (one.values().present()) {
                    low = Math.min(low, one.values().min());
                    high = Math.max(high, one.values().max());
                }
            }
            for (double value : included) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
            if (empty && included.isEmpty()) {
                low = 0;
                high = 1;
            }
            ValueAxis axis = ValueAxis.around(low, high, Y_INTERVALS);
            if (axis.min() < floor || axis.max() > ceiling) {
                axis = ValueAxis.around(Math.max(axis.min(), floor), Math.min(axis.max(), ceiling), Y_INTERVALS);
            }
            return axis;
        }

        private Line line(Series one, List<List<Integer>> segments, double[] positions, PlotArea plot, ValueAxis values) {
            StringBuilder path = new StringBuilder();
            List<Dot> dots = new ArrayList<>();
            for (List<Integer> segment : segments) {
                if (segment.size() == 1) {
                    int window = segment.get(0);
                    dots.add(new Dot(ChartParts.round(positions[window]),
                            ChartParts.round(y(plot, values, one.values().get(window)))));
                    continue;
                }
                for (int k = 0; k < segment.size(); k++) {
                    int window = segment.get(k);
                    path.append(k == 0 ? (path.length() == 0 ? "M" : " M") : " L")
                            .append(number(positions[window])).append(' ')
                            .append(number(y(plot, values, one.values().get(window))));
                }
            }
            return new Line(one.cssClass(), one.label(), path.toString(), dots);
        }

        private String tooltip(int first, int last) {
            StringBuilder text = new StringBuilder(ChartParts.windowsHeading(timeline, first, last));
            for (Series one : series) {
                Double low = null;
                Double high = null;
                for (int i = first; i <= last; i++) {
                    Double value = one.values().get(i);
                    if (value != null) {
                        low = low == null ? value : Math.min(low, value);
                        high = high == null ? value : Math.max(high, value);
                    }
                }
                text.append('\n').append(one.label()).append(' ').append(format.format(low));
                if (high != null && !high.equals(low)) {
                    text.append(" to ").append(format.format(high));
                }
            }
            if (shaded != null) {
                long flagged = shaded.subList(first, last + 1).stream().filter(Boolean.TRUE::equals).count();
                if (flagged > 0) {
                    text.append('\n').append(first == last ? shadeTitle : shadeTitle + " in " + flagged);
                }
            }
            return text.append(first == last ? "\nclick to open the window" : "\nclick to open the last of them").toString();
        }

        /** The y of a value; values outside the axis are drawn at its edge. */
        private static double y(PlotArea plot, ValueAxis values, double value) {
            double fraction = Math.max(0, Math.min(1, values.fraction(value)));
            return plot.bottom() - fraction * plot.height();
        }

        private static String number(double value) {
            String text = String.format(Locale.ROOT, "%.2f", value);
            if (text.endsWith(".00")) {
                return text.substring(0, text.length() - 3);
            }
            return text.endsWith("0") ? text.substring(0, text.length() - 1) : text;
        }
    }
}
