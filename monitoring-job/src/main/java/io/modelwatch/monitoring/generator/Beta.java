package io.modelwatch.monitoring.generator;

import java.util.random.RandomGenerator;

/**
 * A beta distribution with integer shapes, drawn as Gamma(alpha) / (Gamma(alpha) + Gamma(beta))
 * where an integer-shape gamma is a sum of unit exponentials: exact, and no rejection loop.
 */
record Beta(int alpha, int beta) {
    Beta {
        if (alpha < 1 || beta < 1) {
            throw new IllegalArgumentException("beta shapes must be positive integers, got " + alpha + ", " + beta);
        }
    }

    double draw(RandomGenerator rng) {
        double a = gamma(alpha, rng);
        return a / (a + gamma(beta, rng));
    }

    private static double gamma(int shape, RandomGenerator rng) {
        double sum = 0;
        for (int i = 0; i < shape; i++) {
            sum += rng.nextExponential();
        }
        return sum;
    }
}
