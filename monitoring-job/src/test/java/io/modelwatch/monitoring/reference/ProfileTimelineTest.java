package io.modelwatch.monitoring.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.control.ControlRecord;
import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which profile a window gets: the decoder's effective time and the timeline's choice, by hand. */
class ProfileTimelineTest {
    private static final AccumulatorLimits LIMITS = AccumulatorLimits.defaults();
    private static final ProfileUpdateDecoder DECODER = new ProfileUpdateDecoder();
    private static final long MINUTE = 60_000;

    static String profile(String version, double scale) {
        Dataset data = new Dataset("reference");
        for (int i = 0; i < 50; i++) {
            data.addRow(Map.of("x", FeatureValue.ofNumber(i * scale)), "1", null);
        }
        ReferenceProfile profile = new ProfileBuilder(ProfileOptions.defaults(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .build(data, "m", version);
        return ProfileCodec.toJson(profile);
    }

    private static ProfileUpdate update(long offset, long timestamp, String key, String value) {
        return update(offset, timestamp, key, value, Map.of());
    }

    private static ProfileUpdate update(long offset, long timestamp, String key, String value, Map<String, String> headers) {
        return DECODER.decode(new ControlRecord("model-profiles", 0, offset, timestamp, key,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers));
    }

    @Test
    void aWindowGetsTheLatestProfileInForceAtItsStartNeverOneThatArrivedDuringIt() {
        ProfileTimeline timeline = new ProfileTimeline(ModelCatalog.empty(LIMITS));
        String first = profile("v1", 1);
        String second = profile("v1", 2);
        // published 10 s into minute 2: applies from minute 3; the second at exactly minute 5: from minute 5 + 1 min
        timeline.apply(update(0, 2 * MINUTE + 10_000, "m/v1", first));
        timeline.apply(update(1, 5 * MINUTE, "m/v1", second));

        assertThat(timeline.at("m", "v1", 2 * MINUTE).id()).isEqualTo(ModelReference.NONE);
        assertThat(timeline.at("m", "v1", 3 * MINUTE).id()).isEqualTo(ProfileId.of(first));
        assertThat(timeline.at("m", "v1", 5 * MINUTE).id()).isEqualTo(ProfileId.of(first));
        assertThat(timeline.at("m", "v1", 6 * MINUTE).id()).isEqualTo(ProfileId.of(second));
        assertThat(timeline.at("m", "v2", 6 * MINUTE).id()).as("another version").isEqualTo(ModelReference.NONE);
        assertThat(timeline.hasProfile("m", "v1")).isTrue();
        assertThat(timeline.hasProfile("m", "v2")).isFalse();
    }

    @Test
    void anExplicitEffectiveFromAppliesFromTheWindowStartingAtIt() {
        ProfileTimeline timeline = new ProfileTimeline(ModelCatalog.empty(LIMITS));
        String json = profile("v1", 1);
        ProfileUpdate update = update(0, MINUTE, "m/v1", json, Map.of("effective_from", "1970-01-01T00:10:00Z"));
        timeline.apply(update);

        assertThat(update.effectiveFrom()).isEqualTo(10 * MINUTE);
        assertThat(update.profileId()).as("the id of the profile as written, whenever it applies").isEqualTo(ProfileId.of(json));
        assertThat(timeline.at("m", "v1", 9 * MINUTE).id()).isEqualTo(ModelReference.NONE);
        assertThat(timeline.at("m", "v1", 10 * MINUTE).id()).isEqualTo(update.profileId());
        assertThat(timeline.at("m", "v1", 10 * MINUTE).profile().features()).containsOnlyKeys("x");
    }

    @Test
    void profilesAreKeptAsShapesWithoutValuesAndAWindowCountsAgainstAShapeAsAgainstTheWholeProfile() throws Exception {
        ProfileTimeline timeline = new ProfileTimeline(ModelCatalog.empty(LIMITS));
        String json = profile("v1", 1);
        timeline.apply(update(0, 0, "m/v1", json));

        ProfileShapeUpdate kept = timeline.updates().get(0);
        assertThat(kept.profileId()).isEqualTo(ProfileId.of(json));
        assertThat(ProfileCodec.fromShapeJson(kept.shapeJson()).features().get("x").numerical().sample()).isNull();
        assertThat(ProfileCodec.fromJson(json, "profile").features().get("x").numerical().sample()).hasSize(50);
        WindowAccumulator againstShape = WindowAccumulator.empty(LIMITS);
        WindowAccumulator againstProfile = WindowAccumulator.empty(LIMITS);
        ModelReference whole = new ModelReference(ProfileId.of(json), ProfileCodec.fromJson(json, "profile"), LIMITS);
        for (int i = -5; i < 60; i++) {
            PredictionEvent event = new PredictionEvent("p" + i, "m", "v1", Instant.EPOCH,
                    Map.of("x", FeatureValue.ofNumber(i * 0.75)), "1", null, null, 5.0, null);
            againstShape.add(event, timeline.at("m", "v1", MINUTE));
            againstProfile.add(event, whole);
        }
        assertThat(againstShape.toBytes()).isEqualTo(againstProfile.toBytes());
    }

    @Test
    void anEmptyValueRemovesTheProfileFromTheNextWindowAndAStartProfileAppliesUntilAnUpdate() {
        String start = profile("v1", 3);
        ModelCatalog catalog = ModelCatalog.of(List.of(ProfileCodecRead.of(start)), LIMITS);
        ProfileTimeline timeline = new ProfileTimeline(catalog);
        timeline.apply(update(0, 30_000, "m/v1", null));

        assertThat(timeline.at("m", "v1", 0).profile()).isNotNull();
        assertThat(timeline.at("m", "v1", MINUTE).id()).isEqualTo(ModelReference.NONE);
        assertThat(timeline.hasProfile("m", "v1")).isFalse();
    }

    @Test
    void theSameRecordReadTwiceChangesNothingAndForgottenUpdatesAreThoseNoOpenWindowUses() {
        ProfileTimeline timeline = new ProfileTimeline(ModelCatalog.empty(LIMITS));
        String first = profile("v1", 1);
        String second = profile("v1", 2);
        timeline.apply(update(0, MINUTE, "m/v1", first));
        timeline.apply(update(0, MINUTE, "m/v1", first));
        timeline.apply(update(1, 3 * MINUTE, "m/v1", second));
        assertThat(timeline.updates()).hasSize(2);

        timeline.forgetBefore(3 * MINUTE);
        assertThat(timeline.updates()).hasSize(2).as("the window at 3 min still uses the first");
        timeline.forgetBefore(4 * MINUTE);
        assertThat(timeline.updates()).extracting(ProfileShapeUpdate::profileId).containsExactly(ProfileId.of(second));
    }

    @Test
    void badRecordsAreRejectedWithTheReason() {
        String v1 = profile("v1", 1);
        assertThat(update(0, 0, null, v1).error()).isEqualTo("key: must be 'model/version', got none");
        assertThat(update(0, 0, "m", v1).error()).isEqualTo("key: must be 'model/version', got 'm'");
        assertThat(update(0, 0, "m/v2", v1).error()).contains("version 'v1'").contains("the key says model 'm' version 'v2'");
        assertThat(update(0, 0, "m/v1", "{oops").error()).contains("not JSON");
        assertThat(update(0, 0, "m/v1", v1, Map.of("effective_from", "yesterday")).error())
                .isEqualTo("header effective_from: must be an ISO-8601 time such as 2026-12-05T10:00:00Z, got 'yesterday'");
        assertThat(update(0, 0, "m/v1", "{\"effective_from\": \"1970-01-01T00:10:00Z\"," + v1.substring(1)).error())
                .as("a time in the profile would otherwise be ignored without a word")
                .startsWith("value: effective_from belongs in a record header");
        assertThat(update(0, 0, "m/v1", "[1]").error()).contains("value");
        assertThat(update(0, 0, "m/v1", v1).isAccepted()).isTrue();
    }
}
