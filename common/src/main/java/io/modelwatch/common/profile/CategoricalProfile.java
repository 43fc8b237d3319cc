package io.modelwatch.common.profile;

import java.util.Map;
import java.util.Set;

/** @param counts category → count; past the cap the rarest are pooled as {@code __other__} */
public record CategoricalProfile(Map<String, Long> counts) {

    /** The categories the reference saw, for counting a window's values against them. */
    public Set<String> categories() {
        return Set.copyOf(counts.keySet());
    }
}
