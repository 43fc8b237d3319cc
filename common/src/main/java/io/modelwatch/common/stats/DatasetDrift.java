package io.modelwatch.common.stats;

/**
 * Dataset-level drift: the share of drifted features among those whose drift could be computed, drifted when
 * it reaches the threshold. With no such features the share is 0 and the dataset has not drifted.
 */
public record DatasetDrift(int driftedFeatures, int totalFeatures, double share, double threshold, boolean drifted) {

    public static final double DEFAULT_THRESHOLD = 0.5;

    public DatasetDrift {
        if (driftedFeatures < 0 || driftedFeatures > totalFeatures) {
            throw new IllegalArgumentException("drifted features must be between 0 and " + totalFeatures
                    + ", got " + driftedFeatures);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("dataset drift threshold must be in (0, 1], got " + threshold);
        }
        if (share != shareOf(driftedFeatures, totalFeatures) || drifted != (totalFeatures > 0 && share >= threshold)) {
            throw new IllegalArgumentException("share " + share + " and drifted " + drifted + " do not follow from "
                    + driftedFeatures + " of " + totalFeatures + " features at threshold " + threshold);
        }
    }

    public static DatasetDrift of(int driftedFeatures, int totalFeatures, double threshold) {
        double share = shareOf(driftedFeatures, totalFeatures);
        return new DatasetDrift(driftedFeatures, totalFeatures, share, threshold, totalFeatures > 0 && share >= threshold);
    }

    public static DatasetDrift of(int driftedFeatures, int totalFeatures) {
        return of(driftedFeatures, totalFeatures, DEFAULT_THRESHOLD);
    }

    private static double shareOf(int driftedFeatures, int totalFeatures) {
        return totalFeatures == 0 ? 0 : (double) driftedFeatures / totalFeatures;
    }
}
