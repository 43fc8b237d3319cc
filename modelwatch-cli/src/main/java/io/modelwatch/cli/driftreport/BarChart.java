package io.modelwatch.cli.driftreport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Where the bars, grid lines and labels of one feature's chart go, in SVG user units: one slot per
 * histogram bin with the reference and current bars overlaid for numerical bins and side by side for
 * values and categories; a bar's height is its share over the axis maximum times the plot height.
 *
 * @param yTicks share-axis labels; a grid line runs across the plot at each one's {@code y}
 * @param rotatedLabels whether the x labels are slanted, because there are too many to fit side by side
 */
public record BarChart(double width, double height, PlotArea plot, double axisMax, List<Bar> bars,
        List<AxisLabel> yTicks, List<AxisLabel> xLabels, boolean rotatedLabels) {

    public static final double WIDTH = 440;
    public static final double HEIGHT = 220;
    static final double LEFT = 44;
    static final double RIGHT = 10;
    static final double TOP = 12;
    static final double BOTTOM = 40;
    static final double BOTTOM_ROTATED = 64;
    static final int MAX_UPRIGHT_LABELS = 6;
    static final int MAX_LABEL_CHARS = 12;
    private static final double[] AXIS_MAXIMA = {0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0};

    public static final String REFERENCE = "reference";
    public static final String CURRENT = "current";

    /** A rectangle of one series; {@code title} is the tooltip naming the bin and both shares. */
    public record Bar(double x, double y, double width, double height, String series, String title) {}

    /** A text label; {@code anchor} is the SVG text-anchor ({@code start}, {@code middle} or {@code end}). */
    public record AxisLabel(double x, double y, String text, String anchor) {}

    public record PlotArea(double left, double top, double width, double height) {
        public double right() {
            return left + width;
        }

        public double bottom() {
            return top + height;
        }
    }

    public static BarChart of(FeatureHistogram histogram) {
        List<HistogramBin> bins = histogram.bins();
        boolean overlaid = histogram.kind().equals(FeatureHistogram.BINS);
        boolean rotated = !overlaid && bins.size() > MAX_UPRIGHT_LABELS;
        PlotArea plot = new PlotArea(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - (rotated ? BOTTOM_ROTATED : BOTTOM));
        double axisMax = axisMax(bins);
        double slot = bins.isEmpty() ? plot.width() : plot.width() / bins.size();

        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            HistogramBin bin = bins.get(i);
            String title = bin.label() + ": reference " + ReportNumbers.percent(bin.referenceShare())
                    + ", current " + ReportNumbers.percent(bin.currentShare());
            double slotLeft = plot.left() + i * slot;
            if (overlaid) {
                bars.add(bar(plot, axisMax, slotLeft + 0.08 * slot, 0.84 * slot, bin.referenceShare(), REFERENCE, title));
                bars.add(bar(plot, axisMax, slotLeft + 0.08 * slot, 0.84 * slot, bin.currentShare(), CURRENT, title));
            } else {
                bars.add(bar(plot, axisMax, slotLeft + 0.12 * slot, 0.38 * slot, bin.referenceShare(), REFERENCE, title));
                bars.add(bar(plot, axisMax, slotLeft + 0.50 * slot, 0.38 * slot, bin.currentShare(), CURRENT, title));
            }
        }

        List<AxisLabel> yTicks = IntStream.rangeClosed(0, 2)
                .mapToObj(step -> new AxisLabel(plot.left() - 6, round(plot.bottom() - step * plot.height() / 2),
                        tickText(axisMax * step / 2), "end"))
                .toList();
        List<AxisLabel> xLabels = overlaid ? edgeLabels(bins, plot, slot) : slotLabels(bins, plot, slot, rotated);
        return new BarChart(WIDTH, HEIGHT, plot, axisMax, bars, yTicks, xLabels, rotated);
    }

    /** The smallest round share at or above the largest bar, so the tallest bar nearly fills the plot. */
    static double axisMax(List<HistogramBin> bins) {
        double largest = bins.stream()
                .mapToDouble(bin -> Math.max(bin.referenceShare(), bin.currentShare()))
                .max().orElse(0);
        for (double maximum : AXIS_MAXIMA) {
            if (largest <= maximum) {
                return maximum;
            }
        }
        return 1.0;
    }

    private static Bar bar(PlotArea plot, double axisMax, double x, double width, double share, String series,
            String title) {
        double height = share / axisMax * plot.height();
        return new Bar(round(x), round(plot.bottom() - height), round(width), round(height), series, title);
    }

    /** Bin edges sit between slots; the first, middle and last are labelled (min, median and max for quantile bins). */
    private static List<AxisLabel> edgeLabels(List<HistogramBin> bins, PlotArea plot, double slot) {
        if (bins.size() < 2) {
            return List.of();
        }
        int last = bins.size() - 1;
        return IntStream.of(1, (last + 1) / 2, last).distinct()
                .mapToObj(boundary -> new AxisLabel(round(plot.left() + boundary * slot), round(plot.bottom() + 16),
                        ReportNumbers.decimal(bins.get(boundary).lower()), "middle"))
                .toList();
    }

    private static List<AxisLabel> slotLabels(List<HistogramBin> bins, PlotArea plot, double slot, boolean rotated) {
        List<AxisLabel> labels = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            String text = bins.get(i).label();
            if (text.codePointCount(0, text.length()) > MAX_LABEL_CHARS) {
                text = text.substring(0, text.offsetByCodePoints(0, MAX_LABEL_CHARS - 1)) + "…";
            }
            labels.add(new AxisLabel(round(plot.left() + (i + 0.5) * slot), round(plot.bottom() + 16), text,
                    rotated ? "end" : "middle"));
        }
        return labels;
    }

    private static String tickText(double share) {
        String percent = String.format(Locale.ROOT, "%.1f", share * 100);
        return (percent.endsWith(".0") ? percent.substring(0, percent.length() - 2) : percent) + "%";
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
