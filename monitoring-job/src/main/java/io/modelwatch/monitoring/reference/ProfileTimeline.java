package io.modelwatch.monitoring.reference;

import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.monitoring.window.ModelReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which reference profile a model version's window is measured against: the profiles given at
 * start ({@link ModelCatalog}, from {@code --reference}) and, over them, the updates of the
 * {@code model-profiles} topic, each from its {@link ProfileUpdate#effectiveFrom()} on. A window
 * gets the latest update whose effective time is at or before the window's start (a removal: no
 * profile), else the start profile; so a profile never applies to half a window. An update is
 * forgotten once a later one applies to every window that can still open ({@link #forgetBefore}).
 * Updates are kept as {@link ProfileShapeUpdate shapes}: windows here only count against a profile.
 */
public final class ProfileTimeline {
    private static final Comparator<ProfileShapeUpdate> BY_EFFECTIVE_TIME =
            Comparator.comparingLong(ProfileShapeUpdate::effectiveFrom).thenComparingLong(ProfileShapeUpdate::offset);

    private final ModelCatalog start;
    /** Model → version → updates by effective time. */
    private final Map<String, Map<String, List<ProfileShapeUpdate>>> updates = new HashMap<>();
    /** Profile id → the reference built from it. */
    private final Map<String, ModelReference> references = new HashMap<>();

    public ProfileTimeline(ModelCatalog start) {
        this.start = start;
    }

    /**
     * Adds an accepted update. One with the same effective time as an earlier one of its model
     * version replaces it; the same record read twice (a replay) changes nothing.
     */
    public void apply(ProfileUpdate update) {
        restore(ProfileShapeUpdate.of(update));
    }

    /** Adds an update kept by {@link #updates()}. */
    public void restore(ProfileShapeUpdate update) {
        List<ProfileShapeUpdate> versionUpdates = updates.computeIfAbsent(update.model(), model -> new HashMap<>())
                .computeIfAbsent(update.modelVersion(), version -> new ArrayList<>());
        versionUpdates.removeIf(known -> known.effectiveFrom() == update.effectiveFrom());
        versionUpdates.add(update);
        versionUpdates.sort(BY_EFFECTIVE_TIME);
    }

    /** Forgets the updates that no window starting at or after {@code windowStart} uses. */
    public void forgetBefore(long windowStart) {
        updates.values().forEach(versions -> versions.values().forEach(versionUpdates -> {
            int inForce = -1;
            for (int i = 0; i < versionUpdates.size(); i++) {
                if (versionUpdates.get(i).effectiveFrom() <= windowStart) {
                    inForce = i;
                }
            }
            for (int i = 0; i < inForce; i++) {
                references.remove(versionUpdates.remove(0).profileId());
            }
        }));
    }

    /** Every update kept, to checkpoint. */
    public List<ProfileShapeUpdate> updates() {
        List<ProfileShapeUpdate> all = new ArrayList<>();
        updates.values().forEach(versions -> versions.values().forEach(all::addAll));
        return all;
    }

    /** Whether the model version has, or will have, a profile. */
    public boolean hasProfile(String model, String modelVersion) {
        List<ProfileShapeUpdate> versionUpdates = updatesOf(model, modelVersion);
        return versionUpdates.isEmpty()
                ? start.hasProfile(model, modelVersion)
                : versionUpdates.stream().anyMatch(update -> !update.isRemoval());
    }

    /** The reference of the model version's window that starts at {@code windowStart}. */
    public ModelReference at(String model, String modelVersion, long windowStart) {
        ProfileShapeUpdate effective = null;
        for (ProfileShapeUpdate update : updatesOf(model, modelVersion)) {
            if (update.effectiveFrom() <= windowStart) {
                effective = update;
            }
        }
        if (effective == null) {
            return start.reference(model, modelVersion);
        }
        return effective.isRemoval() ? ModelReference.none(start.limits()) : reference(effective);
    }

    /** The reference with id {@code profileId} that a window of the model version was bound to. */
    public ModelReference byId(String model, String modelVersion, String profileId) {
        if (ModelReference.NONE.equals(profileId)) {
            return ModelReference.none(start.limits());
        }
        for (ProfileShapeUpdate update : updatesOf(model, modelVersion)) {
            if (profileId.equals(update.profileId())) {
                return reference(update);
            }
        }
        ModelReference atStart = start.reference(model, modelVersion);
        if (!atStart.id().equals(profileId)) {
            throw new IllegalStateException("model '" + model + "' version '" + modelVersion + "' has no profile "
                    + profileId + ": it was forgotten while a window still used it");
        }
        return atStart;
    }

    private List<ProfileShapeUpdate> updatesOf(String model, String modelVersion) {
        Map<String, List<ProfileShapeUpdate>> versions = updates.get(model);
        List<ProfileShapeUpdate> versionUpdates = versions == null ? null : versions.get(modelVersion);
        return versionUpdates == null ? List.of() : versionUpdates;
    }

    private ModelReference reference(ProfileShapeUpdate update) {
        return references.computeIfAbsent(update.profileId(),
                id -> new ModelReference(id, ProfileCodec.fromShapeJson(update.shapeJson()), start.limits()));
    }
}
