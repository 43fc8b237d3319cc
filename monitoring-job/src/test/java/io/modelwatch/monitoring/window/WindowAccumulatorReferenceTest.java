package io.modelwatch.monitoring.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Partials remember the profile their features were accumulated for, and only same-profile features merge. */
class WindowAccumulatorReferenceTest {
    private static final AccumulatorLimits LIMITS = AccumulatorLimits.defaults();

    private static PredictionEvent event(String id, Map<String, FeatureValue> features) {
        return new PredictionEvent(id, "m", "v1", Instant.EPOCH, features, "1", null, null, 5.0, null);
    }

    private static ReferenceProfile profileWith(String feature) {
        Dataset data = new Dataset("reference");
        data.addRow(Map.of(feature, FeatureValue.ofText("a")), "1", null);
        data.addRow(Map.of(feature, FeatureValue.ofText("b")), "0", null);
        return new ProfileBuilder(ProfileOptions.defaults(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build(data, "m", "v1");
    }

    @Test
    void partialsOfOneProfileMergeAndAnOutcomeOnlyPartialTakesTheirs() {
        ModelReference reference = new ModelReference("sha256:1", profileWith("x"), LIMITS);
        WindowAccumulator first = WindowAccumulator.empty(LIMITS);
        first.add(event("p1", Map.of("x", FeatureValue.ofText("a"))), reference);
        WindowAccumulator outcomes = WindowAccumulator.empty(LIMITS);
        outcomes.add(new LabeledOutcome("p0", "m", "v1", "1", "1", Instant.EPOCH, Instant.EPOCH));
        assertThat(outcomes.referenceId()).isNull();

        outcomes.merge(first);
        assertThat(outcomes.referenceId()).isEqualTo("sha256:1");
        assertThat(outcomes.features().get("x").count()).isEqualTo(1);
    }

    @Test
    void partialsOfDifferentProfilesKeepEveryCountButNoFeatures() {
        WindowAccumulator one = WindowAccumulator.empty(LIMITS);
        one.add(event("p1", Map.of("x", FeatureValue.ofText("a"))), new ModelReference("sha256:1", profileWith("x"), LIMITS));
        WindowAccumulator other = WindowAccumulator.empty(LIMITS);
        other.add(event("p2", Map.of("x", FeatureValue.ofText("b"))), ModelReference.none(LIMITS));

        one.merge(other);
        assertThat(one.referenceId()).isEqualTo(WindowAccumulator.MIXED_REFERENCES);
        assertThat(one.predictions()).isEqualTo(2);
        assertThat(one.features()).isEmpty();
        assertThat(WindowAccumulator.fromBytes(one.toBytes()).referenceId()).isEqualTo(WindowAccumulator.MIXED_REFERENCES);
    }

    @Test
    void aProfileWhoseFeaturesAreNotTheEventsIsNamedWithTheDifference() {
        WindowAccumulator window = WindowAccumulator.empty(LIMITS);
        window.add(event("p1", Map.of("y", FeatureValue.ofNumber(1), "z", FeatureValue.MISSING)), ModelReference.none(LIMITS));

        assertThat(FeatureSetMismatch.between(profileWith("x"), window)).contains(
                "its features are not the events' (events have 'y', 'z' that it lacks; it has 'x' that no event has)");
        assertThat(FeatureSetMismatch.between(profileWith("y"), window)).contains(
                "its features are not the events' (events have 'z' that it lacks)");
        assertThat(FeatureSetMismatch.between(profileWith("x"), WindowAccumulator.empty(LIMITS))).isEmpty();
    }
}
