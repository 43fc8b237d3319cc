package io.modelwatch.monitoring.generator;

import java.util.List;
import java.util.random.RandomGenerator;

/** Categories drawn with fixed shares, in the order given. */
record CategoryMix(List<String> categories, List<Double> shares) {
    CategoryMix {
        categories = List.copyOf(categories);
        shares = List.copyOf(shares);
        if (categories.size() != shares.size() || categories.isEmpty()) {
            throw new IllegalArgumentException("need one share per category, got " + categories + " and " + shares);
        }
        double total = shares.stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("shares must sum to 1, got " + total);
        }
    }

    String draw(RandomGenerator rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < categories.size() - 1; i++) {
            u -= shares.get(i);
            if (u < 0) {
                return categories.get(i);
            }
        }
        return categories.get(categories.size() - 1);
    }
}
