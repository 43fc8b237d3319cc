package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.DriftVerdict;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.WindowReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One feature over a model version's windows: its drift verdict (score, p-value, threshold,
 * drifted) and PSI per window, null in windows where the feature had no verdict.
 *
 * @param type numerical or categorical, as the last window that had the feature said
 * @param method the drift method of the last verdict; null when no window had one
 * @param drifted per window: true, false, or null without a verdict
 * @param driftedWindows windows in which the feature drifted
 * @param longestRun the most windows in a row in which it drifted (a hole in time between windows ends a row)
 * @param currentRun the windows in a row in which it drifted, up to its last window with a verdict
 */
public record FeatureTimeline(String name, String type, String method, TimelineSeries score, TimelineSeries pValue,
        TimelineSeries threshold, List<Boolean> drifted, TimelineSeries psi, TimelineSeries missingShare,
        int driftedWindows, int longestRun, int currentRun) {

    public FeatureTimeline {
        drifted = Collections.unmodifiableList(new ArrayList<>(drifted));
    }

    static FeatureTimeline of(String name, List<WindowReport> windows) {
        String type = null;
        String method = null;
        List<Boolean> drifted = new ArrayList<>(windows.size());
        for (WindowReport window : windows) {
            FeatureReport feature = window.features().get(name);
            type = feature != null && feature.type() != null ? feature.type() : type;
            DriftVerdict verdict = feature == null ? null : feature.drift();
            method = verdict != null && verdict.method() != null ? verdict.method() : method;
            drifted.add(verdict == null ? null : verdict.drifted());
        }
        int driftedWindows = 0;
        int run = 0;
        int longestRun = 0;
        for (int i = 0; i < drifted.size(); i++) {
            boolean windowDrifted = Boolean.TRUE.equals(drifted.get(i));
            run = windowDrifted ? (hole(windows, i) ? 1 : run + 1) : 0;
            longestRun = Math.max(longestRun, run);
            driftedWindows += windowDrifted ? 1 : 0;
        }
        int currentRun = 0;
        int last = drifted.size() - 1;
        while (last >= 0 && drifted.get(last) == null) {
            last--;
        }
        for (; last >= 0 && Boolean.TRUE.equals(drifted.get(last)); last--) {
            currentRun++;
            if (hole(windows, last)) {
                break;
            }
        }
        return new FeatureTimeline(name, type, method,
                verdictSeries("score", name, windows, DriftVerdict::score),
                verdictSeries("p_value", name, windows, DriftVerdict::pValue),
                verdictSeries("threshold", name, windows, DriftVerdict::threshold), drifted,
                featureSeries("psi", name, windows, feature -> feature.stats() == null ? null : feature.stats().get("psi")),
                featureSeries("missing_share", name, windows, FeatureReport::missingShare),
                driftedWindows, longestRun, currentRun);
    }

    /** Whether time skips between window {@code i} and the one before it: a run of drifted windows ends there. */
    static boolean hole(List<WindowReport> windows, int i) {
        return i > 0 && windows.get(i).windowStart().isAfter(windows.get(i - 1).windowEnd());
    }

    /** Whether the verdict is a test's p-value, drifted below the threshold, rather than a distance drifted at or above it. */
    public boolean pValueMethod() {
        return pValue.present();
    }

    /** What the verdict compares with the threshold: the p-value for tests, the score for distances. */
    public TimelineSeries decidingValue() {
        return pValueMethod() ? pValue : score;
    }

    private static TimelineSeries verdictSeries(String series, String name, List<WindowReport> windows,
            Function<DriftVerdict, Double> value) {
        return featureSeries(series, name, windows, feature -> feature.drift() == null ? null : value.apply(feature.drift()));
    }

    private static TimelineSeries featureSeries(String series, String name, List<WindowReport> windows,
            Function<FeatureReport, Double> value) {
        return TimelineSeries.of(series, windows, window -> {
            FeatureReport feature = window.features().get(name);
            return feature == null ? null : value.apply(feature);
        });
    }
}
