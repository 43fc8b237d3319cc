package io.modelwatch.monitoring.generator;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The traffic of a credit-default classifier (model {@value #MODEL}, version {@value #MODEL_VERSION}):
 * prediction events and their delayed labels, with data and concept drift from
 * {@link GeneratorConfig#driftAfter()} on.
 *
 * <p>Event {@code index} is a pure function of the configuration and the index, drawn from its own
 * random stream, so parallel sources can generate any index range in any order and get the same
 * traffic. Prediction {@code index} is stamped {@code start + index / eventsPerSecond}. Thread-safe.
 *
 * <p>Before the drift the labels are drawn from the served model's own probabilities, so its
 * confidence is calibrated and estimated accuracy matches true accuracy (about 0.88); after it,
 * applicants earn less, use more of their credit and come more from the north, and defaults follow
 * a different logistic law, so true accuracy falls to about 0.70 while confidence stays high.
 */
public final class TrafficGenerator implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String MODEL = "credit-default";
    public static final String MODEL_VERSION = "v3";

    private static final List<String> MAY_BE_MISSING = List.of(Applicant.INCOME, Applicant.DEBT_RATIO, Applicant.CHANNEL);
    private static final CategoryMix ERRORS = new CategoryMix(List.of("timeout", "model_unavailable"), List.of(0.7, 0.3));
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final GeneratorConfig config;

    public TrafficGenerator(GeneratorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The prediction's event time: {@code start + index / eventsPerSecond}. */
    public Instant timestamp(long index) {
        return config.start().plus(offset(index));
    }

    public PredictionEvent event(long index) {
        return serve(index).prediction();
    }

    /** The label of prediction {@code index}; empty when the request failed or the label was lost. */
    public Optional<LabelEvent> label(long index) {
        return Optional.ofNullable(serve(index).label());
    }

    /** A prediction with its label, or a null label when there is none. */
    record Served(PredictionEvent prediction, LabelEvent label) {}

    Served serve(long index) {
        SplittableRandom rng = randomFor(index);
        String id = uuid(rng).toString();
        Duration offset = offset(index);
        Instant timestamp = config.start().plus(offset);
        boolean drifted = offset.compareTo(config.driftAfter()) >= 0;

        Map<String, FeatureValue> truth = (drifted ? Population.AFTER_DRIFT : Population.BEFORE_DRIFT).draw(rng).features();
        Map<String, FeatureValue> observed = withMissingValues(truth, rng);
        if (rng.nextDouble() < config.errorRate()) {
            return new Served(new PredictionEvent(id, MODEL, MODEL_VERSION, timestamp, observed,
                    null, null, null, null, ERRORS.draw(rng)), null);
        }

        double p = Decimals.round(CreditRisk.SERVED_MODEL.probabilityOfDefault(observed), 4);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        probabilities.put("0", Decimals.round(1 - p, 4));
        probabilities.put("1", p);
        PredictionEvent prediction = new PredictionEvent(id, MODEL, MODEL_VERSION, timestamp, observed,
                p >= 0.5 ? "1" : "0", Collections.unmodifiableMap(probabilities), null,
                ServingLatency.TYPICAL.drawMs(rng), null);

        CreditRisk world = drifted ? CreditRisk.AFTER_CONCEPT_DRIFT : CreditRisk.SERVED_MODEL;
        String actual = rng.nextDouble() < world.probabilityOfDefault(truth) ? "1" : "0";
        long delayMs = Math.round(rng.nextExponential() * config.labelDelayMean().toNanos() / 1e6);
        if (rng.nextDouble() < config.labelLossFraction()) {
            return new Served(prediction, null);
        }
        return new Served(prediction, new LabelEvent(id, MODEL, actual, timestamp.plusMillis(delayMs)));
    }

    private Duration offset(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        long rate = config.eventsPerSecond();
        return Duration.ofSeconds(index / rate, index % rate * 1_000_000_000L / rate);
    }

    /** A stream of its own per (seed, index): mixing both keeps neighbouring streams unrelated. */
    private SplittableRandom randomFor(long index) {
        return new SplittableRandom(mix64(mix64(config.seed()) + index * GOLDEN_GAMMA));
    }

    private Map<String, FeatureValue> withMissingValues(Map<String, FeatureValue> features, SplittableRandom rng) {
        Map<String, FeatureValue> observed = new LinkedHashMap<>(features);
        for (String name : MAY_BE_MISSING) {
            if (rng.nextDouble() < config.missingRate()) {
                observed.put(name, FeatureValue.MISSING);
            }
        }
        return Collections.unmodifiableMap(observed);
    }

    private static UUID uuid(SplittableRandom rng) {
        long version4 = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long ietfVariant = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(version4, ietfVariant);
    }

    // Stafford's variant 13 of the MurmurHash3 finalizer, as SplittableRandom uses internally.
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
