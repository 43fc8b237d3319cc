package io.modelwatch.monitoring.window;

import io.modelwatch.common.distribution.CategoricalAccumulator;
import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.profile.FeatureProfile;
import io.modelwatch.common.profile.NumericalProfile;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.common.stats.BinEdges;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a model's reference profile says about its features, in the form a window needs: which
 * accumulator each feature gets (reference bins, tracked values, known categories) and which
 * values a feature cannot take. A model without a profile gets inferred features only.
 */
public final class ModelReference {
    /** The id of "no profile": a window measured against none has no drift. */
    public static final String NONE = "";

    private final String id;
    private final ReferenceProfile profile;
    private final AccumulatorLimits limits;
    private final Map<String, BinEdges> edges = new HashMap<>();
    private final Map<String, Set<String>> categories = new HashMap<>();

    /** @param id the profile's {@link io.modelwatch.monitoring.reference.ProfileId}, {@link #NONE} without a profile */
    public ModelReference(String id, ReferenceProfile profile, AccumulatorLimits limits) {
        this.id = profile == null ? NONE : id;
        this.profile = profile;
        this.limits = limits;
        if (profile != null) {
            profile.features().forEach((name, feature) -> {
                if (feature.isNumerical()) {
                    NumericalProfile numerical = feature.numerical();
                    if (numerical.hasValues()) {
                        edges.put(name, numerical.edges());
                    }
                } else {
                    categories.put(name, feature.categorical().categories());
                }
            });
        }
    }

    public static ModelReference none(AccumulatorLimits limits) {
        return new ModelReference(NONE, null, limits);
    }

    public String id() {
        return id;
    }

    /** The profile, or null when the model has none. */
    public ReferenceProfile profile() {
        return profile;
    }

    public AccumulatorLimits limits() {
        return limits;
    }

    public FeatureAccumulator newFeature(String name) {
        FeatureProfile feature = profile == null ? null : profile.features().get(name);
        if (feature == null) {
            return FeatureAccumulator.inferred(numbers(null, null),
                    new CategoricalAccumulator(limits.maxCategories(), null));
        }
        if (feature.isNumerical()) {
            return FeatureAccumulator.numerical(numbers(edges.get(name), feature.numerical().trackedValues()));
        }
        return FeatureAccumulator.categorical(new CategoricalAccumulator(limits.maxCategories(), categories.get(name)));
    }

    private NumericalAccumulator numbers(BinEdges binEdges, double[] trackedValues) {
        return new NumericalAccumulator(limits.exactValues(), limits.sketchK(), binEdges, trackedValues);
    }

    /** Why {@code value} cannot be a value of feature {@code name}, if it cannot. */
    public Optional<String> rejects(String name, FeatureValue value) {
        if (value.isMissing() || value.isNumber() || profile == null) {
            return Optional.empty();
        }
        FeatureProfile feature = profile.features().get(name);
        if (feature != null && feature.isNumerical()) {
            return Optional.of("expected a number (the feature is numerical in the reference profile), got '"
                    + value.text() + "'");
        }
        return Optional.empty();
    }
}
