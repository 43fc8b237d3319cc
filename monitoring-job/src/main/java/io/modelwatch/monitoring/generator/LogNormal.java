package io.modelwatch.monitoring.generator;

import java.util.random.RandomGenerator;

/** A lognormal distribution, given by its median and the standard deviation of its logarithm. */
record LogNormal(double median, double sigma) {
    LogNormal {
        if (!(median > 0) || !(sigma >= 0)) {
            throw new IllegalArgumentException("lognormal needs median > 0 and sigma >= 0, got " + median + ", " + sigma);
        }
    }

    double draw(RandomGenerator rng) {
        return median * Math.exp(sigma * rng.nextGaussian());
    }
}
