package io.modelwatch.cli.driftreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.profile.NumericalProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureHistogramTest {

    private static NumericalProfile binned(List<Double> edges, List<Long> counts) {
        return new NumericalProfile(null, null, null, null, "quantile", 10, edges, counts, null, null, null, null);
    }

    @Test
    void numericalSharesUseTheReferenceEdgesWithOuterBarsForValuesOutsideItsRange() {
        // Reference: 10 values in [0, 1), 30 in [1, 2], none outside. Current: 0.5 | 1, 1.5, 2 | -3 below | 7 above.
        NumericalProfile reference = binned(List.of(0.0, 1.0, 2.0), List.of(0L, 10L, 30L, 0L));

        FeatureHistogram histogram = FeatureHistogram.overEdges(reference, new double[] {0.5, 1, 1.5, 2, -3, 7});

        assertThat(histogram.kind()).isEqualTo(FeatureHistogram.BINS);
        assertThat(histogram.bins()).extracting(HistogramBin::label).containsExactly("< 0", "[0, 1)", "[1, 2]", "> 2");
        assertThat(histogram.bins()).extracting(HistogramBin::lower).containsExactly(null, 0.0, 1.0, 2.0);
        assertThat(histogram.bins()).extracting(HistogramBin::upper).containsExactly(0.0, 1.0, 2.0, null);
        assertThat(histogram.bins()).extracting(HistogramBin::referenceShare).containsExactly(0.0, 0.25, 0.75, 0.0);
        assertThat(histogram.bins()).extracting(HistogramBin::currentShare)
                .containsExactly(1 / 6.0, 1 / 6.0, 3 / 6.0, 1 / 6.0);
        assertThat(histogram.referenceCount()).isEqualTo(40);
        assertThat(histogram.currentCount()).isEqualTo(6);
    }

    @Test
    void aConstantReferenceHasOneBarForItsValueBetweenTheOuterOnes() {
        FeatureHistogram histogram = FeatureHistogram.overEdges(binned(List.of(5.0), List.of(0L, 4L, 0L)),
                new double[] {5, 6});

        assertThat(histogram.bins()).extracting(HistogramBin::label).containsExactly("< 5", "5", "> 5");
        assertThat(histogram.bins()).extracting(HistogramBin::currentShare).containsExactly(0.0, 0.5, 0.5);
    }

    @Test
    void noCurrentValuesGiveZeroSharesAndNoReferenceValuesNoBars() {
        FeatureHistogram noCurrent = FeatureHistogram.overEdges(binned(List.of(0.0, 1.0), List.of(0L, 2L, 0L)), new double[0]);
        assertThat(noCurrent.bins()).extracting(HistogramBin::currentShare).containsOnly(0.0);

        FeatureHistogram noReference = FeatureHistogram.overEdges(binned(null, null), new double[] {1});
        assertThat(noReference.bins()).isEmpty();
    }

    @Test
    void fewDistinctValuesGetABarEachAndUnknownValuesShareOne() {
        NumericalProfile reference = new NumericalProfile(null, null, null, null, "quantile", 10, List.of(0.0, 1.0),
                List.of(0L, 4L, 0L), null, null, List.of(0.0, 1.0), List.of(1L, 3L));

        FeatureHistogram histogram = FeatureHistogram.overDistinctValues(reference, new double[] {1, 1, -0.0, 2.5});

        assertThat(histogram.kind()).isEqualTo(FeatureHistogram.VALUES);
        assertThat(histogram.bins()).extracting(HistogramBin::label).containsExactly("0", "1", "other");
        assertThat(histogram.bins()).extracting(HistogramBin::referenceShare).containsExactly(0.25, 0.75, 0.0);
        assertThat(histogram.bins()).extracting(HistogramBin::currentShare).containsExactly(0.25, 0.5, 0.25);
    }

    @Test
    void categoriesComeMostFrequentFirstThenTheNewOnes() {
        Map<String, Long> reference = Map.of("a", 1L, "b", 3L);
        Map<String, Long> current = new LinkedHashMap<>();
        current.put("a", 2L);
        current.put("new", 1L);
        current.put("newer", 5L);

        FeatureHistogram histogram = FeatureHistogram.overCategories(reference, current);

        assertThat(histogram.bins()).extracting(HistogramBin::label).containsExactly("b", "a", "newer", "new");
        assertThat(histogram.bins()).extracting(HistogramBin::referenceShare).containsExactly(0.75, 0.25, 0.0, 0.0);
        assertThat(histogram.bins()).extracting(HistogramBin::currentShare).containsExactly(0.0, 0.25, 0.625, 0.125);
    }

    @Test
    void pastTheBarLimitTheRarestCategoriesShareTheLastBar() {
        Map<String, Long> reference = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            reference.put("c" + i, 100L - i);
        }

        FeatureHistogram histogram = FeatureHistogram.overCategories(reference, Map.of("c0", 1L, "c24", 1L));

        assertThat(histogram.bins()).hasSize(FeatureHistogram.MAX_BARS);
        HistogramBin rest = histogram.bins().get(FeatureHistogram.MAX_BARS - 1);
        // c19 … c24: 81 + 80 + 79 + 78 + 77 + 76 = 471 of 2200 reference values; c24 is one of the 2 current ones.
        assertThat(rest.label()).isEqualTo("6 more");
        assertThat(rest.referenceShare()).isEqualTo(471 / 2200.0);
        assertThat(rest.currentShare()).isEqualTo(0.5);
        assertThat(histogram.bins()).extracting(HistogramBin::referenceShare)
                .allSatisfy(share -> assertThat(share).isPositive());
    }
}
