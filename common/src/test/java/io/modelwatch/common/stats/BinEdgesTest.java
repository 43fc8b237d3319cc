package io.modelwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinEdgesTest {

    @Test
    void aConstantReferenceHasASingleEdge() {
        assertThat(BinEdges.quantiles(new double[] {4, 4, 4}, 10).values()).containsExactly(4);
        assertThat(BinEdges.equalWidth(new double[] {4, 4, 4}, 10).values()).containsExactly(4);
    }

    @Test
    void aConstantReferenceKeepsBelowAtAndAboveApart() {
        Histogram histogram = BinEdges.of(4).count(new double[] {3, 4, 4, 5, 6});

        assertThat(histogram.counts()).containsExactly(1, 2, 2);
        assertThat(histogram.folded()).containsExactly(1, 2, 2);
    }

    @Test
    void theLastInteriorBinIsClosedAndOutsideValuesFoldIntoTheOuterBins() {
        // Edges 0, 1, 2: bins [0, 1) and [1, 2]; -1 is below, 2 is inside, 3 is above.
        Histogram histogram = BinEdges.of(0, 1, 2).count(new double[] {-1, 0, 0.5, 1, 2, 3});

        assertThat(histogram.counts()).containsExactly(1, 2, 2, 1);
        assertThat(histogram.folded()).containsExactly(3, 3);
        assertThat(histogram.total()).isEqualTo(6);
    }

    @Test
    void binningIsNamedOnTheWireAsInTheCommandLine() {
        assertThat(Binning.fromWireName("equal-width")).isEqualTo(Binning.EQUAL_WIDTH);
        assertThat(Binning.QUANTILE.wireName()).isEqualTo("quantile");
        assertThatThrownBy(() -> Binning.fromWireName("deciles")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidEdgesCountsAndBinNumbersAreRejected() {
        assertThatThrownBy(() -> BinEdges.of(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinEdges.of(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinEdges.quantiles(new double[] {1, 2}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinEdges.equalWidth(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Histogram.of(BinEdges.of(0, 1), new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinEdges.of(0, 1).count(new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void histogramsOverDifferentEdgesCannotBeCompared() {
        Histogram reference = BinEdges.of(0, 1).count(new double[] {0.5});
        Histogram current = BinEdges.of(0, 2).count(new double[] {0.5});

        assertThatThrownBy(() -> AlignedCounts.binned(reference, current)).isInstanceOf(IllegalArgumentException.class);
    }
}
