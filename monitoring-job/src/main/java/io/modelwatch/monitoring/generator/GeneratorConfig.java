package io.modelwatch.monitoring.generator;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What traffic a {@link TrafficGenerator} makes. Times are event time.
 *
 * @param seed the same seed gives the same traffic, event for event
 * @param eventsPerSecond predictions per second of event time, at most one per nanosecond
 * @param start the timestamp of the first prediction
 * @param driftAfter offset from {@code start} at which data and concept drift begin; a duration
 *     longer than the traffic means no drift
 * @param labelDelayMean mean of the exponential delay between a prediction and its label
 * @param labelLossFraction share of served predictions whose label never arrives
 * @param errorRate share of requests that fail (no prediction, no label)
 * @param missingRate chance that each of income, debt_ratio and channel is missing from an event
 */
public record GeneratorConfig(long seed, long eventsPerSecond, Instant start, Duration driftAfter,
        Duration labelDelayMean, double labelLossFraction, double errorRate, double missingRate)
        implements Serializable {

    /** Demo scale: 1,000 predictions a second from 2026-11-28T03:00:00Z, drifting after 5 minutes. */
    public static final GeneratorConfig DEFAULTS = new GeneratorConfig(42, 1_000,
            Instant.parse("2026-11-28T03:00:00Z"), Duration.ofMinutes(5), Duration.ofSeconds(30), 0.05, 0.01, 0.01);

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(driftAfter, "driftAfter");
        Objects.requireNonNull(labelDelayMean, "labelDelayMean");
        if (eventsPerSecond < 1 || eventsPerSecond > 1_000_000_000L) {
            throw new IllegalArgumentException("eventsPerSecond must be between 1 and 1e9, got " + eventsPerSecond);
        }
        if (driftAfter.isNegative()) {
            throw new IllegalArgumentException("driftAfter must not be negative, got " + driftAfter);
        }
        if (labelDelayMean.isNegative()) {
            throw new IllegalArgumentException("labelDelayMean must not be negative, got " + labelDelayMean);
        }
        requireFraction("labelLossFraction", labelLossFraction);
        requireFraction("errorRate", errorRate);
        requireFraction("missingRate", missingRate);
    }

    public GeneratorConfig withSeed(long seed) {
        return new GeneratorConfig(seed, eventsPerSecond, start, driftAfter, labelDelayMean, labelLossFraction, errorRate, missingRate);
    }

    public GeneratorConfig withEventsPerSecond(long eventsPerSecond) {
        return new GeneratorConfig(seed, eventsPerSecond, start, driftAfter, labelDelayMean, labelLossFraction, errorRate, missingRate);
    }

    public GeneratorConfig withStart(Instant start) {
        return new GeneratorConfig(seed, eventsPerSecond, start, driftAfter, labelDelayMean, labelLossFraction, errorRate, missingRate);
    }

    public GeneratorConfig withDriftAfter(Duration driftAfter) {
        return new GeneratorConfig(seed, eventsPerSecond, start, driftAfter, labelDelayMean, labelLossFraction, errorRate, missingRate);
    }

    public GeneratorConfig withLabelDelayMean(Duration labelDelayMean) {
        return new GeneratorConfig(seed, eventsPerSecond, start, driftAfter, labelDelayMean, labelLossFraction, errorRate, missingRate);
    }

    public GeneratorConfig withLabelLossFraction(double labelLossFraction) {
        return new GeneratorConfig(seed, eventsPerSecond, start, driftAfter, labelDelayMean, labelLossFraction, errorRate, missingRate);
    }

    public GeneratorConfig withErrorRate(double errorRate) {
        return new GeneratorConfig(seed, eventsPerSecond, start, driftAfter, labelDelayMean, labelLossFraction, errorRate, missingRate);
    }

    public GeneratorConfig withMissingRate(double missingRate) {
        return new GeneratorConfig(seed, eventsPerSecond, start, driftAfter, labelDelayMean, labelLossFraction, errorRate, missingRate);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
