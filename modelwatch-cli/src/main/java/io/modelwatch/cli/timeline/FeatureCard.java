package io.modelwatch.cli.timeline;

/**
 * One feature's charts: its drift verdict's deciding value (p-value or score) against the
 * threshold, drifted windows shaded, and its PSI with the 0.1 and 0.2 bands.
 *
 * @param id the card's element id, which the drift map links to
 * @param psi null when no window has the feature's PSI
 */
public record FeatureCard(String id, FeatureTimeline feature, SvgLineChart verdict, SvgLineChart psi) {
    static final double WIDTH = 540;
    static final double HEIGHT = 150;
    static final double PSI_NOTICE = 0.1;
    static final double PSI_DRIFT = 0.2;

    static FeatureCard of(String id, Timeline timeline, FeatureTimeline feature) {
        String method = feature.method() == null ? "drift" : feature.method();
        SvgLineChart.Builder verdict = SvgLineChart.builder(timeline, WIDTH, HEIGHT, ValueFormat.DECIMAL)
                .dashed("threshold", "threshold", feature.threshold())
                .shade(feature.drifted(), feature.name() + " drifted")
                .decisions();
        if (feature.pValueMethod()) {
            verdict.label(method + " p-value of " + feature.name() + " against its threshold; drifted below it")
                    .line(method + " p-value", "s1", feature.pValue()).range(0, 1);
        } else {
            verdict.label(method + " score of " + feature.name() + " against its threshold; drifted at or above it")
                    .line(method + " score", "s1", feature.score()).include(0);
        }
        SvgLineChart psi = !feature.psi().present() ? null
                : SvgLineChart.builder(timeline, WIDTH, HEIGHT, ValueFormat.DECIMAL)
                        .label("PSI of " + feature.name() + ", with the 0.1 and 0.2 bands")
                        .band(PSI_NOTICE, PSI_DRIFT, "band-notice").band(PSI_DRIFT, Double.MAX_VALUE, "band-drift")
                        .line("PSI", "s2", feature.psi()).include(0, PSI_DRIFT + 0.05)
                        .shade(feature.drifted(), feature.name() + " drifted")
                        .decisions()
                        .build();
        return new FeatureCard(id, feature, verdict.build(), psi);
    }

    /** drifted, stable or none: the feature's latest verdict (windows without one, such as label-only ones, are passed over). */
    public String status() {
        for (int i = feature.drifted().size() - 1; i >= 0; i--) {
            Boolean drifted = feature.drifted().get(i);
            if (drifted != null) {
                return drifted ? "drifted" : "stable";
            }
        }
        return "none";
    }
}
