package io.modelwatch.common.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.Quantiles;
import io.modelwatch.common.stats.WassersteinDistance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Finite values up to ±1.8e308 keep every statistic finite: the mean and standard deviation of
 * {@link Moments} (whose plain update overflows in value − mean and in the squares), quantiles
 * between neighbours more than the double range apart, and the normalized Wasserstein distance.
 * Expected values are worked out by hand in the comments (checked with Python's exact fractions).
 */
class ValuesNearTheDoubleLimitsTest {
    private static final double BIG = 1.7e308;

    /**
     * 10 × 1.7e308, 10 × −1.7e308, 10 × 1e308 and 1..10: sum = 10·1e308 + 55, so the mean is
     * 1e309 / 40 = 2.5e307 (55 / 40 is below half an ulp of it). Squares: 20 × 2.89e616 + 10 ×
     * 1e616 + 385 = 6.78e617, / 40 = 1.695e616; variance = 1.695e616 − (2.5e307)² = 1.6325e616,
     * population std = √1.6325 · 1e308 = 1.2776932339180638e308.
     */
    private static double[] mixed() {
        double[] values = new double[40];
        for (int i = 0; i < 10; i++) {
            values[i] = BIG;
            values[10 + i] = -BIG;
            values[20 + i] = 1e308;
            values[30 + i] = i + 1;
        }
        return values;
    }

    @Test
    void theMeanAndStandardDeviationOfValuesNearTheLimitsAreFinite() {
        Moments moments = new Moments();
        for (double value : mixed()) {
            moments.add(value);
        }
        assertThat(moments.count()).isEqualTo(40);
        assertThat(moments.mean()).isCloseTo(2.5e307, within(2.5e307 * 1e-14));
        assertThat(moments.populationStd()).isCloseTo(1.2776932339180638e308, within(1.28e308 * 1e-14));
        // n − 1: √(1.6325e616 · 40 / 39) = √1.674358974… · 1e308
        assertThat(moments.sampleStd()).isCloseTo(Math.sqrt(1.6325 * 40 / 39) * 1e308, within(1.3e308 * 1e-14));
        assertThat(moments.min()).isEqualTo(-BIG);
        assertThat(moments.max()).isEqualTo(BIG);
    }

    @Test
    void valuesAtBothEndsAloneHaveMeanZeroAndTheirDistanceAsStandardDeviation() {
        // ±1.7e308 alternating: after each pair the mean is 0; every deviation is 1.7e308.
        Moments moments = new Moments();
        for (int i = 0; i < 20; i++) {
            moments.add(i % 2 == 0 ? -BIG : BIG);
        }
        assertThat(moments.mean()).isCloseTo(0.0, within(BIG * 1e-15));
        assertThat(moments.populationStd()).isCloseTo(BIG, within(BIG * 1e-14));
        // the largest doubles: the standard deviation is still Double.MAX_VALUE, not infinite
        Moments extremes = new Moments();
        extremes.add(Double.MAX_VALUE);
        extremes.add(-Double.MAX_VALUE);
        assertThat(extremes.mean()).isZero();
        assertThat(extremes.populationStd()).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void mergedPartialsGiveWhatAddingEveryValueInOnePlaceGives() {
        double[] values = mixed();
        Moments whole = new Moments();
        for (double value : values) {
            whole.add(value);
        }
        // in the order above, the first partial holds only 1.7e308, the second only −1.7e308: their means differ by 3.4e308
        for (int parts : new int[] {2, 3, 4, 40}) {
            Moments merged = new Moments();
            for (int part = 0; part < parts; part++) {
                Moments partial = new Moments();
                for (int i = part * values.length / parts; i < (part + 1) * values.length / parts; i++) {
                    partial.add(values[i]);
                }
                merged.merge(partial);
            }
            assertThat(merged.count()).isEqualTo(40);
            assertThat(merged.mean()).as(parts + " parts").isCloseTo(whole.mean(), within(2.5e307 * 1e-13));
            assertThat(merged.populationStd()).as(parts + " parts").isCloseTo(whole.populationStd(), within(1.28e308 * 1e-13));
        }
    }

    @Test
    void ordinaryValuesGetBitForBitWhatThePlainUpdateGives() {
        SplittableRandom random = new SplittableRandom(7);
        Moments moments = new Moments();
        Moments left = new Moments();
        Moments right = new Moments();
        PlainMoments plain = new PlainMoments();
        PlainMoments plainLeft = new PlainMoments();
        PlainMoments plainRight = new PlainMoments();
        for (int i = 0; i < 10_000; i++) {
            double value = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(-20, 150));
            moments.add(value);
            plain.add(value);
            (i % 3 == 0 ? left : right).add(value);
            (i % 3 == 0 ? plainLeft : plainRight).add(value);
        }
        assertThat(moments.mean()).isEqualTo(plain.mean);
        assertThat(moments.populationStd()).isEqualTo(Math.sqrt(plain.m2 / plain.count));
        left.merge(right);
        plainLeft.merge(plainRight);
        assertThat(left.mean()).isEqualTo(plainLeft.mean);
        assertThat(left.populationStd()).isEqualTo(Math.sqrt(plainLeft.m2 / plainLeft.count));
    }

    @Test
    void anAccumulatorOfHugeValuesKeepsItsStandardDeviationThroughItsBytesAndOthersStayInFormat1() throws IOException {
        NumericalAccumulator huge = new NumericalAccumulator(100, 200, BinEdges.of(0.0, 1.0), null);
        for (double value : mixed()) {
            huge.add(value);
        }
        byte[] bytes = bytes(huge);
        assertThat(bytes[0]).as("format 2: scaled sum of squares").isEqualTo((byte) 2);
        NumericalAccumulator read = NumericalAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertThat(read.moments().populationStd()).isEqualTo(huge.moments().populationStd());
        assertThat(read.moments().mean()).isEqualTo(huge.moments().mean());
        assertThat(bytes(read)).isEqualTo(bytes);

        NumericalAccumulator ordinary = new NumericalAccumulator(100, 200, BinEdges.of(0.0, 1.0), null);
        ordinary.add(1e150);
        ordinary.add(-1e150);
        assertThat(bytes(ordinary)[0]).as("squares that fit: format 1 as before").isEqualTo((byte) 1);
    }

    @Test
    void aQuantileBetweenNeighboursBeyondTheDoubleRangeApartIsInterpolatedWithinThem() {
        // NumPy: −1.7e308 + (1.7e308 − (−1.7e308)) · t overflows; the point halfway is 0, a quarter of the way −8.5e307.
        double[] sorted = {-BIG, BIG};
        assertThat(Quantiles.linear(sorted, 0.5)).as("NumPy's lerp").isInfinite();
        assertThat(Quantiles.linearWithinRange(sorted, 0.5)).isZero();
        assertThat(Quantiles.linearWithinRange(sorted, 0.25)).isCloseTo(-8.5e307, within(8.5e307 * 1e-15));
        assertThat(ExactValues.of(new double[] {BIG, -BIG, 1}).quantile(0.25)).as("between −1.7e308 and 1")
                .isCloseTo((1 - BIG) / 2, within(BIG * 1e-15));
        double[] ordinary = {1, 2.5, 7, 7.25};
        for (double q = 0; q <= 1; q += 0.05) {
            assertThat(Quantiles.linearWithinRange(ordinary, q)).isEqualTo(Quantiles.linear(ordinary, q));
        }
    }

    @Test
    void theNormalizedWassersteinDistanceIsFiniteWhereTheStepsBetweenValuesOverflow() {
        // reference {−1.7e308, 1.7e308}: std 1.7e308. Current {1.7e308}: the CDFs differ by ½ over the
        // whole 3.4e308 between them, W1 = 1.7e308, normalized 1.7e308 / 1.7e308 = 1.
        assertThat(WassersteinDistance.normalized(new double[] {-BIG, BIG}, new double[] {BIG})).isCloseTo(1.0, within(1e-15));
        NumericalDistribution reference = ExactValues.of(new double[] {-BIG, BIG});
        NumericalDistribution current = ExactValues.of(new double[] {BIG});
        assertThat(DistributionDistance.wasserstein(reference, current, BIG)).isCloseTo(1.0, within(1e-15));
    }

    private static byte[] bytes(NumericalAccumulator accumulator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        accumulator.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }

    /** The update Moments had before it handled values near the limits: Welford's, and Chan's merge. */
    private static final class PlainMoments {
        long count;
        double mean;
        double m2;

        void add(double value) {
            count++;
            double delta = value - mean;
            mean += delta / count;
            m2 += delta * (value - mean);
        }

        void merge(PlainMoments other) {
            long total = count + other.count;
            double delta = other.mean - mean;
            mean += delta * other.count / total;
            m2 += other.m2 + delta * delta * ((double) count * other.count / total);
            count = total;
        }
    }
}
