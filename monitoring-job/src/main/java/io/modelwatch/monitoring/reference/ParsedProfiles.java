package io.modelwatch.monitoring.reference;

import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/** Profiles of accepted updates, parsed once and kept for the windows that use them; the least recently used go first. */
public final class ParsedProfiles {
    static final int CAPACITY = 64;

    private final Map<String, ReferenceProfile> byId = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ReferenceProfile> eldest) {
            return size() > CAPACITY;
        }
    };

    public ReferenceProfile of(ProfileUpdate update) {
        ReferenceProfile profile = byId.get(update.profileId());
        if (profile == null) {
            try {
                profile = ProfileCodec.fromJson(update.json(), update.topic() + " offset " + update.offset());
            } catch (DatasetException e) {
                throw new IllegalStateException("a profile accepted when it was read no longer parses: "
                        + e.getMessage(), e);
            }
            byId.put(update.profileId(), profile);
        }
        return profile;
    }
}
