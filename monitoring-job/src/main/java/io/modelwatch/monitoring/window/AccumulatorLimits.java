package io.modelwatch.monitoring.window;

import java.io.Serializable;

/**
 * Size bounds of a window's accumulators.
 *
 * @param exactValues numerical values (per feature, and latencies) kept exactly per window before
 *     they move into a KLL sketch; lower than a profile's limit so the exact KS path stays fast
 * @param sketchK KLL accuracy parameter once values are sketched
 * @param maxCategories categories counted exactly per feature (and predicted classes), beyond the
 *     reference's; the rest are pooled as {@code __other__}
 */
public record AccumulatorLimits(int exactValues, int sketchK, int maxCategories) implements Serializable {
    public static final int DEFAULT_EXACT_VALUES = 2_000;
    public static final int DEFAULT_SKETCH_K = 200;
    public static final int DEFAULT_MAX_CATEGORIES = 100;

    public AccumulatorLimits {
        if (exactValues < 0 || sketchK < 8 || maxCategories < 1) {
            throw new IllegalArgumentException("accumulator limits out of range: exact values " + exactValues
                    + " (>= 0), sketch k " + sketchK + " (>= 8), max categories " + maxCategories + " (>= 1)");
        }
    }

    public static AccumulatorLimits defaults() {
        return new AccumulatorLimits(DEFAULT_EXACT_VALUES, DEFAULT_SKETCH_K, DEFAULT_MAX_CATEGORIES);
    }
}
