package io.modelwatch.monitoring.reference;

import io.modelwatch.common.profile.ProfileCodec;

/**
 * A {@link ProfileUpdate} as the pre-aggregation keeps it in broadcast state, in every parallel
 * instance: with the profile's shape ({@link ProfileCodec#toShapeJson}) instead of the profile,
 * whose reference values only the merge needs.
 *
 * @param effectiveFrom as {@link ProfileUpdate#effectiveFrom()}
 * @param offset the record's offset in its partition, which orders updates of the same effective time
 * @param profileId the whole profile's {@link ProfileId}; null for a removal
 * @param shapeJson the profile's shape; null for a removal
 */
public record ProfileShapeUpdate(String model, String modelVersion, long effectiveFrom, long offset, String profileId,
        String shapeJson) {

    /** The shape of an accepted update. */
    public static ProfileShapeUpdate of(ProfileUpdate update) {
        return new ProfileShapeUpdate(update.model(), update.modelVersion(), update.effectiveFrom(), update.offset(),
                update.profileId(), update.shapeJson());
    }

    public boolean isRemoval() {
        return shapeJson == null;
    }
}
