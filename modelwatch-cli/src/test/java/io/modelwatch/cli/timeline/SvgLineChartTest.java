package io.modelwatch.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.modelwatch.common.report.Performance;
import io.modelwatch.common.report.WindowReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgLineChartTest {
    private static final Pattern POINT = Pattern.compile("[ML] ?(-?[\\d.]+) (-?[\\d.]+)");

    @Test
    void aWindowWithoutTheMetricBreaksTheLineAndALonePointIsADot() {
        List<WindowReport> windows = GeneratedWindows.windows("m", "v1", 9, 100, 5, Set.of());
        List<WindowReport> withGaps = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            withGaps.add(i == 2 || i == 6 || i == 8 ? withAccuracy(windows.get(i), null) : windows.get(i));
        }
        Timeline timeline = Timeline.of("m", "v1", withGaps, List.of());

        SvgLineChart chart = SvgLineChart.builder(timeline, 1000, 200, ValueFormat.DECIMAL)
                .line("accuracy", "s1", timeline.performance().get(Timeline.ACCURACY)).build();

        SvgLineChart.Line line = chart.lines().get(0);
        // The generator's window 3 has no performance either: windows 0-1 and 4-5 are lines, 7 stands alone.
        List<String> subpaths = List.of(line.path().split(" (?=M)"));
        List<Integer> points = subpaths.stream().map(path -> (int) POINT.matcher(path).results().count()).toList();
        assertThat(points).containsExactly(2, 2);
        assertThat(line.dots()).hasSize(1);
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void thousandsOfWindowsAreDrawnAtAPixelsResolutionAndKeepTheirExtremes() {
        int count = 5000;
        Random random = new Random(3);
        List<WindowReport> windows = new ArrayList<>();
        for (WindowReport window : GeneratedWindows.windows("m", "v1", count, count / 2, 9, Set.of())) {
            windows.add(withAccuracy(window, 0.8 + 0.05 * random.nextDouble()));
        }
        windows.set(1234, withAccuracy(windows.get(1234), 0.1));
        windows.set(4321, withAccuracy(windows.get(4321), 0.99));
        Timeline timeline = Timeline.of("m", "v1", windows, List.of());

        SvgLineChart chart = SvgLineChart.builder(timeline, 1000, 200, ValueFormat.DECIMAL).range(0, 1)
                .line("accuracy", "s1", timeline.performance().get(Timeline.ACCURACY)).build();

        List<double[]> points = new ArrayList<>();
        Matcher point = POINT.matcher(chart.lines().get(0).path());
        while (point.find()) {
            points.add(new double[] {Double.parseDouble(point.group(1)), Double.parseDouble(point.group(2))});
        }
        assertThat(points.size()).isLessThanOrEqualTo(2 * (int) Math.ceil(chart.plot().width()) + 2).isGreaterThan(500);
        double lowest = points.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        double highest = points.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        assertThat(lowest).isCloseTo(chart.plot().bottom() - 0.1 * chart.plot().height(), offset(0.01));
        assertThat(highest).isCloseTo(chart.plot().bottom() - 0.99 * chart.plot().height(), offset(0.01));
        assertThat(chart.columns().size()).isLessThanOrEqualTo((int) (chart.plot().width() / ChartParts.MIN_COLUMN) + 1);
        assertThat(chart.columns().get(0).title()).contains("windows)");
    }

    @Test
    void fewWindowsHaveAHoverColumnEachNamingTheWindowAndItsValues() {
        Timeline timeline = Timeline.of("m", "v1", GeneratedWindows.windows("m", "v1", 12, 6, 4, Set.of()), List.of());

        SvgLineChart chart = SvgLineChart.builder(timeline, 1000, 200, ValueFormat.MILLIS)
                .line("p95", "s1", timeline.latencyMs().get(Timeline.P95))
                .shade(timeline.features().get(0).drifted(), "income drifted").build();

        assertThat(chart.columns()).hasSize(12);
        ChartParts.Column seventh = chart.columns().get(6);
        assertThat(seventh.window()).isEqualTo(6);
        assertThat(seventh.title()).startsWith("window 2026-11-28 03:06:00–03:07:00 UTC\np95 ")
                .contains(" ms", "income drifted", "click to open the window");
        // Windows 6 … 11 drifted: one shaded span from the start of 6 to the end of 11.
        assertThat(chart.shades()).hasSize(1);
        assertThat(chart.shades().get(0).x()).isEqualTo(seventh.x());
        assertThat(chart.shades().get(0).title()).isEqualTo("income drifted in 6 windows 2026-11-28 03:06:00–03:12:00 UTC");
        assertThat(chart.shades().get(0).opacity()).isEqualTo(1.0);
    }

    private static WindowReport withAccuracy(WindowReport report, Double accuracy) {
        Performance old = report.performance() != null ? report.performance()
                : new Performance(10, 0.1, null, null, null, null, null, Map.of(), null, null, null, null, null);
        Performance performance = accuracy == null ? null : new Performance(old.labeled(), old.labelCoverage(), accuracy,
                old.precisionWeighted(), old.recallWeighted(), old.f1Weighted(), old.f1Macro(), old.perClass(), old.mae(),
                old.rmse(), old.mape(), old.labelDelayMs(), old.estimatedAccuracy());
        return new WindowReport(report.model(), report.modelVersion(), report.windowStart(), report.windowEnd(),
                report.volume(), report.latencyMs(), report.predictionDistribution(), report.features(),
                report.datasetDrift(), performance, report.conceptDrift());
    }
}
