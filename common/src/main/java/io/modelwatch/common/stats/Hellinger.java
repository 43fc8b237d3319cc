package io.modelwatch.common.stats;

/** Hellinger distance sqrt(Σ (√p − √q)²) / √2 between the reference and current shares, in [0, 1]. */
public final class Hellinger {

    private Hellinger() {
    }

    public static double distance(AlignedCounts counts) {
        Shares p = counts.referenceShares();
        Shares q = counts.currentShares();
        CompensatedSum squares = new CompensatedSum();
        for (int i = 0; i < counts.size(); i++) {
            double difference = Math.sqrt(p.get(i)) - Math.sqrt(q.get(i));
            squares.add(difference * difference);
        }
        return Math.sqrt(squares.value()) / Math.sqrt(2);
    }
}
