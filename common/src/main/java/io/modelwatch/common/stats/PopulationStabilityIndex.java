package io.modelwatch.common.stats;

/**
 * Population stability index Σ (cur% − ref%) · ln(cur% / ref%), with an empty share counted as
 * {@link Shares#EMPTY_SHARE}. Below 0.1 stable, 0.1–0.2 moderate, 0.2 and above significant.
 */
public final class PopulationStabilityIndex {

    private PopulationStabilityIndex() {
    }

    public static double of(AlignedCounts counts) {
        Shares reference = counts.referenceShares().withEmptyAs(Shares.EMPTY_SHARE);
        Shares current = counts.currentShares().withEmptyAs(Shares.EMPTY_SHARE);
        CompensatedSum psi = new CompensatedSum();
        for (int i = 0; i < counts.size(); i++) {
            double p = reference.get(i);
            double q = current.get(i);
            psi.add((q - p) * Math.log(q / p));
        }
        return psi.value();
    }

    /** PSI of a numerical sample over {@code bins} bins laid over the reference by {@code binning}. */
    public static double of(double[] reference, double[] current, Binning binning, int bins) {
        return of(AlignedCounts.binned(reference, current, BinEdges.of(binning, reference, bins)));
    }
}
