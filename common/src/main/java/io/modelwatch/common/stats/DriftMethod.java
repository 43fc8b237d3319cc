package io.modelwatch.common.stats;

import java.util.Arrays;

/** The drift methods of docs/ARCHITECTURE.md section 4.2, with their wire names, default thresholds and which side means drift. */
public enum DriftMethod {
    KS("ks", Direction.P_VALUE_BELOW, 0.05),
    WASSERSTEIN("wasserstein", Direction.SCORE_AT_LEAST, 0.1),
    PSI("psi", Direction.SCORE_AT_LEAST, 0.1),
    JENSEN_SHANNON("jensen_shannon", Direction.SCORE_AT_LEAST, 0.1),
    CHI_SQUARE("chi_square", Direction.P_VALUE_BELOW, 0.05),
    HELLINGER("hellinger", Direction.SCORE_AT_LEAST, 0.1),
    KL_DIV("kl_div", Direction.SCORE_AT_LEAST, 0.1);

    /** How the method's value compares with its threshold when the feature drifted. */
    public enum Direction {
        /** A test: drift when the p-value is below the threshold. */
        P_VALUE_BELOW,
        /** A distance: drift when the score reaches the threshold. */
        SCORE_AT_LEAST
    }

    /** Reference sizes up to this use the statistical tests by default, larger ones the distances. */
    public static final long MAX_ROWS_FOR_TESTS = 1000;
    /** Numerical features with at most this many distinct reference values are treated as categories. */
    public static final long MAX_DISTINCT_FOR_CATEGORIES = 5;

    private final String wireName;
    private final Direction direction;
    private final double defaultThreshold;

    DriftMethod(String wireName, Direction direction, double defaultThreshold) {
        this.wireName = wireName;
        this.direction = direction;
        this.defaultThreshold = defaultThreshold;
    }

    public String wireName() {
        return wireName;
    }

    public Direction direction() {
        return direction;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** Whether {@code value} (a p-value or a score, as {@link #direction()} says) means drift at {@code threshold}. */
    public boolean drifted(double value, double threshold) {
        if (Double.isNaN(value) || Double.isNaN(threshold)) {
            throw new IllegalArgumentException(wireName + " value and threshold must be numbers");
        }
        return direction == Direction.P_VALUE_BELOW ? value < threshold : value >= threshold;
    }

    public boolean drifted(double value) {
        return drifted(value, defaultThreshold);
    }

    public static DriftMethod fromWireName(String name) {
        return Arrays.stream(values())
                .filter(method -> method.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown drift method '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(DriftMethod::wireName).toList()));
    }

    /** Numerical features with few distinct values are compared as categories (one per distinct value). */
    public static boolean comparedAsCategories(boolean numerical, long distinctReferenceValues) {
        return !numerical || distinctReferenceValues <= MAX_DISTINCT_FOR_CATEGORIES;
    }

    /**
     * The default method (docs/ARCHITECTURE.md section 4.2): with at most 1000 reference rows {@code ks} for numerical features with
     * more than 5 distinct values, else {@code chi_square}; with more rows {@code wasserstein}, else
     * {@code jensen_shannon}.
     */
    public static DriftMethod defaultFor(long referenceRows, boolean numerical, long distinctReferenceValues) {
        boolean categories = comparedAsCategories(numerical, distinctReferenceValues);
        if (referenceRows <= MAX_ROWS_FOR_TESTS) {
            return categories ? CHI_SQUARE : KS;
        }
        return categories ? JENSEN_SHANNON : WASSERSTEIN;
    }
}
