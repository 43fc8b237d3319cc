package io.modelwatch.common.stats;

import java.util.Arrays;

/** Validated, sorted copies of samples: every statistic here needs a non-empty sample of finite values. */
final class SortedValues {

    private SortedValues() {
    }

    static double[] of(double[] values, String role) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(role + " sample is empty");
        }
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(role + " sample contains " + value
                        + "; remove missing and non-finite values first");
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
