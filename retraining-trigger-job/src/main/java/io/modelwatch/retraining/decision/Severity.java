package io.modelwatch.retraining.decision;

import java.util.Locale;

/** How urgent a rule's decision is; written lower-case in YAML and JSON. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected info, warning or critical)");
    }
}
