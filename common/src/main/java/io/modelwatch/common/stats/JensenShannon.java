package io.modelwatch.common.stats;

/**
 * Jensen–Shannon distance with the natural logarithm, as {@code scipy.spatial.distance.jensenshannon(ref%, cur%)}:
 * sqrt((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q) / 2, over the raw shares (no floor is needed).
 */
public final class JensenShannon {

    private JensenShannon() {
    }

    public static double distance(AlignedCounts counts) {
        Shares p = counts.referenceShares().normalized();
        Shares q = counts.currentShares().normalized();
        CompensatedSum divergence = new CompensatedSum();
        for (int i = 0; i < counts.size(); i++) {
            double m = (p.get(i) + q.get(i)) / 2;
            divergence.add(relativeEntropyTerm(p.get(i), m));
            divergence.add(relativeEntropyTerm(q.get(i), m));
        }
        return Math.sqrt(Math.max(divergence.value(), 0) / 2);
    }

    private static double relativeEntropyTerm(double x, double y) {
        return x == 0 ? 0 : x * Math.log(x / y);
    }
}
