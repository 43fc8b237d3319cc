package io.modelwatch.common.stats;

/**
 * Kullback–Leibler divergence KL(reference ‖ current) = Σ p · ln(p / q), natural log. Empty shares become
 * {@link Shares#EMPTY_SHARE} and both sides are then normalised again, exactly as
 * {@code scipy.stats.entropy(ref%, cur%)} does with the floored shares.
 */
public final class KlDivergence {

    private KlDivergence() {
    }

    public static double of(AlignedCounts counts) {
        Shares p = counts.referenceShares().withEmptyAs(Shares.EMPTY_SHARE).normalized();
        Shares q = counts.currentShares().withEmptyAs(Shares.EMPTY_SHARE).normalized();
        CompensatedSum divergence = new CompensatedSum();
        for (int i = 0; i < counts.size(); i++) {
            divergence.add(p.get(i) * Math.log(p.get(i) / q.get(i)));
        }
        return divergence.value();
    }
}
