package io.modelwatch.monitoring.reference;

import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ReferenceProfile;

/** A profile's text back as a profile, for tests that build catalogs from text. */
final class ProfileCodecRead {
    private ProfileCodecRead() {}

    static ReferenceProfile of(String json) {
        try {
            return ProfileCodec.fromJson(json, "test profile");
        } catch (DatasetException e) {
            throw new AssertionError(e);
        }
    }
}
