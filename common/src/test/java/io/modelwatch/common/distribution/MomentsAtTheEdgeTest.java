package io.modelwatch.common.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values near the ends of the double range keep a finite mean and standard deviation, added one by one or merged. */
class MomentsAtTheEdgeTest {
    private static final double[] VALUES = {Double.MAX_VALUE, -Double.MAX_VALUE, 1e308, -1e308, 3.0, 5.0};

    @Test
    void theMeanOfValuesNearTheEndsOfTheRangeIsFinite() {
        Moments moments = new Moments();
        for (double value : VALUES) {
            moments.add(value);
        }
        // Exactly (MAX - MAX + 1e308 - 1e308 + 3 + 5) / 6 = 8/6; rounding at 1e308 leaves at most a few ulps of 1e308.
        assertThat(moments.mean()).isFinite().isCloseTo(8.0 / 6, within(1e293));
        assertThat(moments.min()).isEqualTo(-Double.MAX_VALUE);
        assertThat(moments.max()).isEqualTo(Double.MAX_VALUE);
        // The squares overflow a double, the sum kept scaled does not: variance = (2·MAX² + 2e616 + 34) / 6 − (4/3)²
        // = 1.41056686904370e616 (MAX² = 3.2317006071311007e616), so std = 1.18767287964477e308.
        assertThat(moments.populationStd()).isCloseTo(1.18767287964477e308, within(1.19e308 * 1e-13));
    }

    @Test
    void mergingHalvesGivesAFiniteMeanToo() {
        Moments first = new Moments();
        Moments second = new Moments();
        first.add(Double.MAX_VALUE);
        first.add(1e308);
        second.add(-Double.MAX_VALUE);
        second.add(-1e308);
        first.merge(second);
        assertThat(first.mean()).isFinite().isCloseTo(0.0, within(1e293));
        assertThat(first.count()).isEqualTo(4);
    }

    @Test
    void ordinaryValuesGiveTheTextbookMeanAndDeviation() {
        Moments moments = new Moments();
        for (double value : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            moments.add(value);
        }
        assertThat(moments.mean()).isEqualTo(5.0);
        assertThat(moments.populationStd()).isEqualTo(2.0);
    }
}
