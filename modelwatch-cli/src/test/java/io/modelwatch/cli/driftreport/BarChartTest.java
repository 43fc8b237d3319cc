package io.modelwatch.cli.driftreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {
    // The plot is 220 - 12 (top) - 40 (bottom) = 168 units high and 440 - 44 - 10 = 386 wide.
    private static final double PLOT_BOTTOM = 180;

    private static FeatureHistogram bins(double[] reference, double[] current) {
        List<HistogramBin> bins = new ArrayList<>();
        for (int i = 0; i < reference.length; i++) {
            bins.add(new HistogramBin("bin " + i, i == 0 ? null : (double) i, (double) i + 1, reference[i], current[i]));
        }
        return new FeatureHistogram(FeatureHistogram.BINS, bins, 100, 100);
    }

    @Test
    void barHeightsAreSharesOverTheAxisMaximumTimesThePlotHeight() {
        // Largest share 0.4 → axis maximum 0.4; hand-checked: 0.4 → 168, 0.2 → 84, 0.1 → 42, 0 → 0.
        BarChart chart = BarChart.of(bins(new double[] {0, 0.4, 0.2, 0.4, 0}, new double[] {0.1, 0.2, 0.4, 0.2, 0.1}));

        assertThat(chart.axisMax()).isEqualTo(0.4);
        List<BarChart.Bar> reference = chart.bars().stream().filter(bar -> bar.series().equals(BarChart.REFERENCE)).toList();
        List<BarChart.Bar> current = chart.bars().stream().filter(bar -> bar.series().equals(BarChart.CURRENT)).toList();
        assertThat(reference).extracting(BarChart.Bar::height).containsExactly(0.0, 168.0, 84.0, 168.0, 0.0);
        assertThat(current).extracting(BarChart.Bar::height).containsExactly(42.0, 84.0, 168.0, 84.0, 42.0);
        assertThat(chart.bars()).allSatisfy(bar -> assertThat(bar.y() + bar.height()).isCloseTo(PLOT_BOTTOM, within(0.01)));
    }

    @Test
    void numericalBinsOverlayBothSidesInOneSlotEach() {
        BarChart chart = BarChart.of(bins(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}));

        // Two slots of 386 / 2 = 193 units; bars inset by 8 % of the slot on each side.
        assertThat(chart.bars()).extracting(BarChart.Bar::x).containsExactly(59.44, 59.44, 252.44, 252.44);
        assertThat(chart.bars()).extracting(BarChart.Bar::width).containsOnly(162.12);
        assertThat(chart.axisMax()).isEqualTo(0.8);
        assertThat(chart.bars().get(3).height()).isEqualTo(157.5); // 0.75 / 0.8 × 168
        assertThat(chart.bars().get(0).title()).isEqualTo("bin 0: reference 50.0%, current 25.0%");
    }

    @Test
    void categoriesStandSideBySide() {
        FeatureHistogram histogram = new FeatureHistogram(FeatureHistogram.CATEGORIES,
                List.of(HistogramBin.category("a", 0.6, 0.3), HistogramBin.category("b", 0.4, 0.7)), 10, 10);

        BarChart chart = BarChart.of(histogram);

        // Slot 193: reference from 12 % of it, current from 50 %, each 38 % wide.
        assertThat(chart.bars()).extracting(BarChart.Bar::x).containsExactly(67.16, 140.5, 260.16, 333.5);
        assertThat(chart.bars()).extracting(BarChart.Bar::width).containsOnly(73.34);
        assertThat(chart.xLabels()).extracting(BarChart.AxisLabel::text).containsExactly("a", "b");
        assertThat(chart.xLabels()).extracting(BarChart.AxisLabel::x).containsExactly(140.5, 333.5);
        assertThat(chart.rotatedLabels()).isFalse();
    }

    @Test
    void manyCategoriesGetSlantedShortenedLabelsAndALowerPlot() {
        List<HistogramBin> bins = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bins.add(HistogramBin.category("category number " + i, 0.125, 0.125));
        }
        BarChart chart = BarChart.of(new FeatureHistogram(FeatureHistogram.CATEGORIES, bins, 8, 8));

        assertThat(chart.rotatedLabels()).isTrue();
        assertThat(chart.plot().height()).isEqualTo(220 - 12 - 64);
        assertThat(chart.xLabels().get(0).text()).isEqualTo("category nu…");
        assertThat(chart.xLabels()).extracting(BarChart.AxisLabel::anchor).containsOnly("end");
    }

    @Test
    void edgeLabelsMarkTheFirstMiddleAndLastReferenceEdge() {
        // Slots: below e0, [1,2), [2,3), [3,4), above 4 → boundaries 1, 2 (of 4) and 4.
        BarChart chart = BarChart.of(bins(new double[] {0, 0.3, 0.4, 0.3, 0}, new double[] {0, 0.3, 0.4, 0.3, 0}));

        assertThat(chart.xLabels()).extracting(BarChart.AxisLabel::text).containsExactly("1", "2", "4");
        assertThat(chart.xLabels()).extracting(BarChart.AxisLabel::x).containsExactly(121.2, 198.4, 352.8); // 44 + k × 386 / 5
    }

    @Test
    void theShareAxisHasThreeTicksAndEmptyChartsStillHaveOne() {
        BarChart chart = BarChart.of(bins(new double[] {0.05, 0.03}, new double[] {0.02, 0.01}));
        assertThat(chart.yTicks()).extracting(BarChart.AxisLabel::text).containsExactly("0%", "2.5%", "5%");
        assertThat(chart.yTicks()).extracting(BarChart.AxisLabel::y).containsExactly(180.0, 96.0, 12.0);

        BarChart empty = BarChart.of(new FeatureHistogram(FeatureHistogram.BINS, List.of(), 0, 0));
        assertThat(empty.bars()).isEmpty();
        assertThat(empty.axisMax()).isEqualTo(0.05);
    }
}
