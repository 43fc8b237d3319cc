package io.modelwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-calculated values and edge cases of the measures over aligned counts. */
class ShareBasedMeasuresTest {

    @Test
    void emptySharesAreRaisedToTheFloorWithoutRenormalising() {
        Shares shares = Shares.of(new long[] {3, 0, 1}).withEmptyAs(Shares.EMPTY_SHARE);

        assertThat(shares.toArray()).containsExactly(0.75, 0.0001, 0.25);
        assertThat(shares.normalized().get(1)).isCloseTo(0.0001 / 1.0001, within(1e-18));
    }

    @Test
    void psiOfAMoveAwayFromAConstantReferenceUsesTheFloorForEmptyBins() {
        // Bins (-inf, 5), [5, 5], (5, +inf): reference shares (0, 1, 0) → (1e-4, 1, 1e-4), current (0, 0, 1) → (1e-4, 1e-4, 1).
        AlignedCounts counts = AlignedCounts.binned(new double[] {5, 5, 5}, new double[] {7, 8}, BinEdges.of(5));
        double expected = (0.0001 - 1) * Math.log(0.0001 / 1) + (1 - 0.0001) * Math.log(1 / 0.0001);

        assertThat(PopulationStabilityIndex.of(counts)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void identicalDistributionsScoreZeroEverywhere() {
        AlignedCounts counts = AlignedCounts.of(new long[] {10, 20, 0}, new long[] {1, 2, 0});

        assertThat(PopulationStabilityIndex.of(counts)).isZero();
        assertThat(JensenShannon.distance(counts)).isZero();
        assertThat(Hellinger.distance(counts)).isZero();
        assertThat(KlDivergence.of(counts)).isZero();
        assertThat(ChiSquareTest.test(counts).pValue()).isEqualTo(1.0);
    }

    @Test
    void disjointDistributionsAreAtTheLargestJensenShannonAndHellingerDistance() {
        AlignedCounts counts = AlignedCounts.of(new long[] {4, 0}, new long[] {0, 9});

        assertThat(JensenShannon.distance(counts)).isCloseTo(Math.sqrt(Math.log(2)), within(1e-15));
        assertThat(Hellinger.distance(counts)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void aSingleCategoryHasNoDegreesOfFreedomAndPValueOne() {
        assertThat(ChiSquareTest.test(AlignedCounts.of(new long[] {12}, new long[] {30})))
                .isEqualTo(new ChiSquareTest.Result(0, 1, 0));
    }

    @Test
    void countsWithoutValuesOrOutOfLineAreRejected() {
        assertThatThrownBy(() -> AlignedCounts.of(new long[] {1, 2}, new long[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("current has no values");
        assertThatThrownBy(() -> AlignedCounts.of(new long[] {1, 2}, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlignedCounts.of(new long[] {1, -2}, new long[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlignedCounts.distinctValues(new double[] {1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
