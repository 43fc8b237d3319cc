package io.modelwatch.common.conceptdrift;

import java.util.Locale;

/** What a concept-drift detector concludes after an outcome; written lower-case in reports. */
public enum DetectorState {
    STABLE,
    WARNING,
    DRIFT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
