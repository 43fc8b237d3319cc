package io.modelwatch.common.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.stats.BinEdges;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumericalAccumulatorTest {
    private static final BinEdges EDGES = BinEdges.of(-1.0, 0.0, 1.0);

    private static NumericalAccumulator accumulator(int exactLimit) {
        return new NumericalAccumulator(exactLimit, 200, EDGES, null);
    }

    private static double[] normal(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller: a normal sample without a library call
            values[i] = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return values;
    }

    @Test
    void momentsMinMaxAndBinsAreThoseOfTheValues() {
        NumericalAccumulator values = accumulator(100);
        for (double v : new double[] {-2, -0.5, 0, 0.5, 1, 3, Double.NaN}) {
            values.add(v);
        }
        values.addMissing();
        assertThat(values.count()).isEqualTo(8);
        assertThat(values.missing()).isEqualTo(2);
        // by hand: mean of -2, -0.5, 0, 0.5, 1, 3 = 2/6; squares sum to 14.5, so squared deviations to 14.5 - 6·(1/3)²
        assertThat(values.moments().mean()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(values.moments().sampleStd()).isCloseTo(Math.sqrt((14.5 - 6.0 / 9) / 5), within(1e-15));
        assertThat(values.moments().populationStd()).isCloseTo(Math.sqrt((14.5 - 6.0 / 9) / 6), within(1e-15));
        assertThat(values.moments().min()).isEqualTo(-2.0);
        assertThat(values.moments().max()).isEqualTo(3.0);
        // below -1 | [-1, 0) | [0, 1] | above 1
        assertThat(values.histogram().counts()).containsExactly(1, 1, 3, 1);
    }

    @Test
    void smallWindowsKeepEveryValueExactly() {
        NumericalAccumulator values = accumulator(5);
        for (double v : new double[] {3, 1, 2, 2, 5}) {
            values.add(v);
        }
        assertThat(values.isExact()).isTrue();
        assertThat(values.distribution().exactValues()).hasValueSatisfying(
                sorted -> assertThat(sorted).containsExactly(1, 2, 2, 3, 5));
        values.add(4);
        assertThat(values.isExact()).isFalse();
        assertThat(values.distribution().size()).isEqualTo(6);
    }

    @Test
    void mergingExactPartsEqualsAddingEverythingInOnePlace() {
        double[] data = normal(1, 1000);
        NumericalAccumulator whole = accumulator(5000);
        NumericalAccumulator left = accumulator(5000);
        NumericalAccumulator right = accumulator(5000);
        for (int i = 0; i < data.length; i++) {
            whole.add(data[i]);
            (i % 3 == 0 ? left : right).add(data[i]);
        }
        right.addMissing();
        whole.addMissing();
        left.merge(right);
        assertSameExactParts(left, whole);
        assertThat(left.distribution().exactValues().orElseThrow())
                .containsExactly(whole.distribution().exactValues().orElseThrow());
    }

    @Test
    void mergingPastTheExactLimitKeepsExactCountsAndQuantilesWithinTheSketchError() {
        double[] data = normal(2, 200_000);
        NumericalAccumulator whole = accumulator(1000);
        NumericalAccumulator[] parts = {accumulator(1000), accumulator(1000), accumulator(1000), accumulator(1000)};
        for (int i = 0; i < data.length; i++) {
            whole.add(data[i]);
            parts[i % parts.length].add(data[i]);
        }
        NumericalAccumulator merged = parts[0];
        for (int i = 1; i < parts.length; i++) {
            merged.merge(parts[i]);
        }
        assertSameExactParts(merged, whole);
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        NumericalDistribution sketch = merged.distribution();
        for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
            // the true rank of the sketch's quantile must be within the sketch's rank error of q
            double trueRank = ExactValues.ofSorted(sorted).cdf(sketch.quantile(q));
            assertThat(trueRank).as("rank of quantile %s", q).isCloseTo(q, within(sketch.rankError()));
        }
    }

    @Test
    void serializedSizeStopsGrowingPastTheExactLimit() throws IOException {
        int tenThousand = serializedSize(10_000);
        int tenMillion = serializedSize(10_000_000);
        assertThat(tenMillion).isLessThan(2 * tenThousand);
        assertThat(tenMillion).isLessThan(16 * 1024);
    }

    private static int serializedSize(int count) throws IOException {
        NumericalAccumulator values = accumulator(1000);
        SplittableRandom random = new SplittableRandom(count);
        for (int i = 0; i < count; i++) {
            values.add(random.nextDouble());
        }
        return bytes(values).length;
    }

    @Test
    void serializationRoundTripsExactAndSketchedState() throws IOException {
        for (int count : new int[] {10, 5000}) {
            NumericalAccumulator values = new NumericalAccumulator(1000, 200, EDGES, new double[] {0.0, 1.0});
            double[] data = normal(count, count);
            for (double v : data) {
                values.add(Math.rint(v));
            }
            values.addMissing();
            NumericalAccumulator copy = NumericalAccumulator.readFrom(
                    new DataInputStream(new ByteArrayInputStream(bytes(values))));
            assertSameExactParts(copy, values);
            assertThat(copy.trackedCounts()).containsExactly(values.trackedCounts());
            assertThat(copy.untrackedCount()).isEqualTo(values.untrackedCount());
            assertThat(copy.distribution().quantile(0.5)).isEqualTo(values.distribution().quantile(0.5));
            assertThat(bytes(copy)).isEqualTo(bytes(values));
        }
    }

    @Test
    void accumulatorsOfDifferentReferencesDoNotMerge() {
        NumericalAccumulator a = accumulator(10);
        NumericalAccumulator b = new NumericalAccumulator(10, 200, BinEdges.of(0.0, 2.0), null);
        assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(NumericalAccumulator values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        values.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }

    private static void assertSameExactParts(NumericalAccumulator actual, NumericalAccumulator expected) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.missing()).isEqualTo(expected.missing());
        assertThat(actual.moments().count()).isEqualTo(expected.moments().count());
        assertThat(actual.moments().mean()).isCloseTo(expected.moments().mean(), within(1e-12));
        assertThat(actual.moments().sampleStd()).isCloseTo(expected.moments().sampleStd(), within(1e-12));
        assertThat(actual.moments().min()).isEqualTo(expected.moments().min());
        assertThat(actual.moments().max()).isEqualTo(expected.moments().max());
        assertThat(actual.histogram()).isEqualTo(expected.histogram());
    }
}
