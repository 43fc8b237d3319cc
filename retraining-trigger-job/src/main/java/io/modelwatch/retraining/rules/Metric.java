package io.modelwatch.retraining.rules;

import java.util.Locale;
import java.util.Optional;

/**
 * A window-report metric a rule condition can name (docs/ARCHITECTURE.md section 6). The written name is the
 * constant's name in lower case, e.g. {@code max_psi}; metrics that take a feature selector are
 * written {@code psi[income]}.
 *
 * <p>Every metric reaches a condition as a number (see {@link MetricLookup}): {@link #DATASET_DRIFT}
 * as 1 (drifted) or 0, {@link #CONCEPT_DRIFT} as its {@link ConceptDriftState#level()}.
 */
public enum Metric {
    /** Largest {@code features.*.stats.psi} of the report. */
    MAX_PSI(Kind.NUMBER, false),
    /** {@code features[feature].stats.psi}. */
    PSI(Kind.NUMBER, true),
    /** Largest {@code features.*.drift.score} of the report. */
    MAX_DRIFT_SCORE(Kind.NUMBER, false),
    /** {@code features[feature].drift.score}. */
    DRIFT_SCORE(Kind.NUMBER, true),
    /** {@code dataset_drift.share}. */
    DRIFT_SHARE(Kind.NUMBER, false),
    /** {@code dataset_drift.drifted_features}. */
    DRIFTED_FEATURES(Kind.NUMBER, false),
    /** {@code dataset_drift.drifted}: compared with {@code true}/{@code false} (or 1/0). */
    DATASET_DRIFT(Kind.FLAG, false),
    /** {@code features[feature].missing_share}. */
    MISSING_SHARE(Kind.NUMBER, true),
    /** {@code performance.accuracy}. */
    ACCURACY(Kind.NUMBER, false),
    /** {@code performance.precision_weighted}. */
    PRECISION_WEIGHTED(Kind.NUMBER, false),
    /** {@code performance.recall_weighted}. */
    RECALL_WEIGHTED(Kind.NUMBER, false),
    /** {@code performance.f1_weighted}. */
    F1_WEIGHTED(Kind.NUMBER, false),
    /** {@code performance.f1_macro}. */
    F1_MACRO(Kind.NUMBER, false),
    /** {@code performance.estimated_accuracy}. */
    ESTIMATED_ACCURACY(Kind.NUMBER, false),
    /** {@code performance.label_coverage}. */
    LABEL_COVERAGE(Kind.NUMBER, false),
    /** {@code volume.error_rate}. */
    ERROR_RATE(Kind.NUMBER, false),
    /** {@code volume.predictions}. */
    PREDICTIONS(Kind.NUMBER, false),
    /** {@code latency_ms.p50}. */
    LATENCY_P50_MS(Kind.NUMBER, false),
    /** {@code latency_ms.p95}. */
    LATENCY_P95_MS(Kind.NUMBER, false),
    /** {@code latency_ms.p99}. */
    LATENCY_P99_MS(Kind.NUMBER, false),
    /** {@code concept_drift.state}: compared with {@code stable}, {@code warning} or {@code drift}. */
    CONCEPT_DRIFT(Kind.STATE, false);

    /** What a condition compares the metric with. */
    public enum Kind {
        NUMBER,
        /** true / false, written as such or as 1 / 0. */
        FLAG,
        /** a {@link ConceptDriftState}, ordered stable &lt; warning &lt; drift. */
        STATE
    }

    private final Kind kind;
    private final boolean takesFeature;

    Metric(Kind kind, boolean takesFeature) {
        this.kind = kind;
        this.takesFeature = takesFeature;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the metric is per feature and so needs a {@code [feature]} selector. */
    public boolean takesFeature() {
        return takesFeature;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the metric is named in a decision's metrics: {@code max_psi} or {@code psi[income]}. */
    public String key(String feature) {
        return takesFeature ? wireName() + "[" + feature + "]" : wireName();
    }

    public static Optional<Metric> ofWireName(String text) {
        for (Metric m : values()) {
            if (m.wireName().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
