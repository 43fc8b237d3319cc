package io.modelwatch.cli.driftreport;

import io.modelwatch.common.drift.FeatureDriftResult;

/**
 * One feature of the report: its drift, its histogram and its chart.
 *
 * @param chartId the chart's element id; numbered rather than named, since feature names come from users' data
 */
public record ReportFeature(String name, String chartId, FeatureDriftResult drift, FeatureHistogram histogram,
        BarChart chart) {

    static final String PSI = "psi";

    /** PSI over the reference bins, whatever method decided; null when drift was not computed. */
    public Double psi() {
        return drift.stats().get(PSI);
    }

    /** {@code drifted}, {@code stable} or {@code not-computed}: the verdict's CSS class and its sort key. */
    public String status() {
        if (!drift.computed()) {
            return "not-computed";
        }
        return drift.drifted() ? "drifted" : "stable";
    }

    /** 0 drifted, 1 stable, 2 without a verdict: the report's order and the table's sort key. */
    public int statusRank() {
        return statusRank(drift);
    }

    static int statusRank(FeatureDriftResult result) {
        if (!result.computed()) {
            return 2;
        }
        return result.drifted() ? 0 : 1;
    }
}
