package io.modelwatch.monitoring.generator;

import java.util.random.RandomGenerator;

/**
 * How long serving a prediction takes: a lognormal body, and now and then a slow request
 * (garbage collection, a cold cache) from a much slower lognormal tail.
 */
record ServingLatency(LogNormal body, double tailShare, LogNormal tail) {

    static final ServingLatency TYPICAL = new ServingLatency(new LogNormal(12, 0.35), 0.02, new LogNormal(150, 0.6));

    /** A latency in milliseconds, to a tenth of a millisecond. */
    double drawMs(RandomGenerator rng) {
        LogNormal from = rng.nextDouble() < tailShare ? tail : body;
        return Decimals.round(from.draw(rng), 1);
    }
}
