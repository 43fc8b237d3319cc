package io.modelwatch.monitoring.window;

import io.modelwatch.common.profile.ReferenceProfile;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a profile describes the features a model version's events have: a profile that lacks
 * features the events carry, or has features none of a window's events carry, belongs to another
 * feature set (another model, or a version built on other inputs), and drift against it would be
 * measured on the wrong columns.
 */
public final class FeatureSetMismatch {
    private static final int NAMED = 5;

    private FeatureSetMismatch() {}

    /** What differs, if anything; a window without feature values (errors only) differs in nothing. */
    public static Optional<String> between(ReferenceProfile profile, WindowAccumulator window) {
        if (window.features().isEmpty()) {
            return Optional.empty();
        }
        Set<String> notInProfile = new TreeSet<>(window.features().keySet());
        notInProfile.removeAll(profile.features().keySet());
        Set<String> notInEvents = new TreeSet<>(profile.features().keySet());
        notInEvents.removeAll(window.features().keySet());
        if (notInProfile.isEmpty() && notInEvents.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder problem = new StringBuilder("its features are not the events' (");
        if (!notInProfile.isEmpty()) {
            problem.append("events have ").append(named(notInProfile)).append(" that it lacks");
        }
        if (!notInEvents.isEmpty()) {
            problem.append(notInProfile.isEmpty() ? "" : "; ").append("it has ").append(named(notInEvents))
                    .append(" that no event has");
        }
        return Optional.of(problem.append(')').toString());
    }

    private static String named(Set<String> names) {
        StringBuilder text = new StringBuilder();
        names.stream().limit(NAMED).forEach(name -> text.append(text.isEmpty() ? "" : ", ").append('\'').append(name).append('\''));
        return names.size() > NAMED ? text + " and " + (names.size() - NAMED) + " more" : text.toString();
    }
}
