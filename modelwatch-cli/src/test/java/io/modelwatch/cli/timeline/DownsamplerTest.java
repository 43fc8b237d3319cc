package io.modelwatch.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

    @Test
    void keepsTheSmallestAndLargestValueOfEveryBucketAndAtMostTwoWindows() {
        Random random = new Random(11);
        int count = 20_000;
        double[] positions = new double[count];
        List<Double> values = new ArrayList<>();
        double position = 0;
        for (int i = 0; i < count; i++) {
            position += random.nextDouble() * 0.1;
            positions[i] = position;
            values.add(random.nextInt(50) == 0 ? null : random.nextGaussian() * (random.nextInt(500) == 0 ? 100 : 1));
        }

        List<List<Integer>> segments = new Downsampler(0, 1).segments(positions, values, null);

        // Computed here, bucket by bucket, from the input.
        Map<Long, double[]> extremes = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            if (values.get(i) != null) {
                double[] range = extremes.computeIfAbsent((long) Math.floor(positions[i]),
                        bucket -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                range[0] = Math.min(range[0], values.get(i));
                range[1] = Math.max(range[1], values.get(i));
            }
        }
        Map<Long, List<Integer>> keptPerBucket = new TreeMap<>();
        List<Integer> kept = segments.stream().flatMap(List::stream).toList();
        kept.forEach(i -> keptPerBucket.computeIfAbsent((long) Math.floor(positions[i]), bucket -> new ArrayList<>()).add(i));

        assertThat(kept).isSorted().doesNotHaveDuplicates();
        assertThat(keptPerBucket.keySet()).containsExactlyElementsOf(extremes.keySet());
        extremes.forEach((bucket, range) -> {
            List<Double> keptValues = keptPerBucket.get(bucket).stream().map(values::get).toList();
            assertThat(keptValues).as("bucket %d", bucket).hasSizeBetween(1, 2).contains(range[0], range[1]);
        });
        assertThat(kept.size()).isLessThanOrEqualTo(2 * extremes.size());
        assertThat(count).isGreaterThan(5 * kept.size());
    }

    @Test
    void withAWindowPerBucketEveryValueIsKeptAndEveryNullIsAGap() {
        double[] positions = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        List<Double> values = Arrays.asList(0.5, 0.6, null, 0.7, 0.0, null, null, 0.9, 1.0);

        List<List<Integer>> segments = new Downsampler(0, 1).segments(positions, values, null);

        assertThat(segments).containsExactly(List.of(0, 1), List.of(3, 4), List.of(7, 8));
    }

    @Test
    void aHoleInTimeIsAGapThoughBothSidesHaveValues() {
        double[] positions = {0, 1, 5, 6};
        boolean[] holes = {false, false, true, false};

        List<List<Integer>> segments = new Downsampler(0, 1).segments(positions, List.of(1.0, 2.0, 3.0, 4.0), holes);

        assertThat(segments).containsExactly(List.of(0, 1), List.of(2, 3));
    }

    @Test
    void aBucketWithOnlyNullsIsAGapAndALoneValueIsASegmentOfOne() {
        double[] positions = {0.1, 0.5, 1.2, 1.7, 2.3, 3.1, 3.6};
        List<Double> values = Arrays.asList(4.0, 3.0, null, null, 5.0, null, null);

        List<List<Integer>> segments = new Downsampler(0, 1).segments(positions, values, null);

        assertThat(segments).containsExactly(List.of(0, 1), List.of(4));
    }
}
