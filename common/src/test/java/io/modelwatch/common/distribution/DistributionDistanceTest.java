package io.modelwatch.common.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.stats.KolmogorovSmirnov;
import io.modelwatch.common.stats.WassersteinDistance;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * KS and Wasserstein from step distributions. The exact-sample functions they are compared with
 * are themselves checked against SciPy (KolmogorovSmirnovTest, WassersteinDistanceTest).
 */
class DistributionDistanceTest {

    private static double[] sample(long seed, int n, double shift, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            values[i] = Math.rint((shift + scale * gaussian) * 100) / 100; // two decimals, so there are ties
        }
        return values;
    }

    private static NumericalDistribution sketched(double[] values, int exactLimit) {
        NumericalAccumulator accumulator = new NumericalAccumulator(exactLimit, 200, null, null);
        Arrays.stream(values).forEach(accumulator::add);
        return accumulator.distribution();
    }

    @Test
    void exactDistributionsGiveScipysStatisticAndDistance() {
        double[] reference = sample(1, 700, 0, 1);
        double[] current = sample(2, 450, 0.3, 1.2);
        NumericalDistribution a = ExactValues.of(reference);
        NumericalDistribution b = ExactValues.of(current);
        assertThat(DistributionDistance.ksStatistic(a, b))
                .isCloseTo(KolmogorovSmirnov.test(reference, current).statistic(), within(1e-12));
        assertThat(DistributionDistance.wasserstein(a, b))
                .isCloseTo(WassersteinDistance.distance(reference, current), within(1e-12));
    }

    @Test
    void sketchedDistributionsStayWithinTheirDocumentedErrorBound() {
        double[] reference = sample(3, 200_000, 0, 1);
        double[] current = sample(4, 150_000, 0.1, 1.1);
        NumericalDistribution a = sketched(reference, 1000);
        NumericalDistribution b = sketched(current, 1000);
        assertThat(a.exactValues()).isEmpty();
        double rankError = a.rankError() + b.rankError();
        double exactD = KolmogorovSmirnov.test(reference, current).statistic();
        assertThat(DistributionDistance.ksStatistic(a, b)).isCloseTo(exactD, within(rankError));
        double range = Math.max(Arrays.stream(reference).max().orElseThrow(), Arrays.stream(current).max().orElseThrow())
                - Math.min(Arrays.stream(reference).min().orElseThrow(), Arrays.stream(current).min().orElseThrow());
        assertThat(DistributionDistance.wasserstein(a, b))
                .isCloseTo(WassersteinDistance.distance(reference, current), within(rankError * range));
    }

    @Test
    void oneSketchedSideUsesOnlyItsOwnError() {
        double[] reference = sample(5, 100_000, 0, 1);
        double[] current = sample(6, 800, 0.4, 1);
        NumericalDistribution a = sketched(reference, 1000);
        NumericalDistribution b = ExactValues.of(current);
        assertThat(DistributionDistance.ksStatistic(a, b))
                .isCloseTo(KolmogorovSmirnov.test(reference, current).statistic(), within(a.rankError()));
    }
}
