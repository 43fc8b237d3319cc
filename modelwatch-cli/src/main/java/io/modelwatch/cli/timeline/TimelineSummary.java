package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.WindowReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A model version's verdict at a glance. A window counts as drifted when any of its features
 * drifted; the dataset verdict (a share of drifted features at or above its threshold) is counted
 * separately.
 *
 * @param firstDriftedWindow index of the first drifted window; null when none drifted
 * @param datasetDriftWindows windows whose dataset verdict said drifted
 * @param current the latest state
 * @param decisionsByRule decisions fired per rule, by rule name
 */
public record TimelineSummary(int windows, Instant firstStart, Instant lastEnd, int driftedWindows,
        Integer firstDriftedWindow, int datasetDriftWindows, Current current, int decisions,
        Map<String, Integer> decisionsByRule) {

    public static final String DRIFTING = "drifting";
    public static final String STABLE = "stable";
    public static final String NO_VERDICT = "no drift verdict";

    /**
     * The state of the last window that had a drift verdict (or of the last window, when none had one).
     *
     * @param window the index of that window
     * @param state {@value #DRIFTING} when a feature drifted, {@value #STABLE} when features had verdicts and
     *     none drifted, {@value #NO_VERDICT} when no feature had one (no reference)
     * @param driftedFeatures the features that drifted in that window, in the timeline's feature order
     * @param featuresWithVerdict features of that window that had a drift verdict
     * @param driftedRun how many windows in a row, up to that one, drifted
     * @param conceptDrift the concept-drift detector's latest state; null before the first outcome
     * @param accuracy the latest measured accuracy; null when no window had one
     */
    public record Current(int window, String state, List<String> driftedFeatures, int featuresWithVerdict,
            int driftedRun, String conceptDrift, Double accuracy) {}

    public TimelineSummary {
        decisionsByRule = Map.copyOf(decisionsByRule);
    }

    public Double driftedShare() {
        return windows == 0 ? null : (double) driftedWindows / windows;
    }

    static TimelineSummary of(List<WindowReport> windows, List<FeatureTimeline> features,
            List<TimelineDecision> decisions) {
        int drifted = 0;
        Integer first = null;
        int dataset = 0;
        for (int i = 0; i < windows.size(); i++) {
            WindowReport window = windows.get(i);
            boolean windowDrifted = window.features().values().stream().anyMatch(TimelineSummary::drifted);
            if (windowDrifted) {
                drifted++;
                first = first == null ? i : first;
            }
            dataset += window.datasetDrift() != null && window.datasetDrift().drifted() ? 1 : 0;
        }
        int last = lastWith(windows, window -> window.features().values().stream().anyMatch(f -> f.drift() != null));
        int current = last >= 0 ? last : windows.size() - 1;
        WindowReport currentWindow = windows.get(current);
        List<String> driftedNow = features.stream()
                .filter(feature -> Boolean.TRUE.equals(feature.drifted().get(current)))
                .map(FeatureTimeline::name).toList();
        int withVerdict = (int) currentWindow.features().values().stream().filter(feature -> feature.drift() != null).count();
        int driftedRun = 0;
        for (int i = current; i >= 0 && windows.get(i).features().values().stream().anyMatch(TimelineSummary::drifted); i--) {
            driftedRun++;
            if (FeatureTimeline.hole(windows, i)) {
                break;
            }
        }
        String state = !driftedNow.isEmpty() ? DRIFTING : withVerdict > 0 ? STABLE : NO_VERDICT;
        int concept = lastWith(windows, window -> window.conceptDrift() != null && window.conceptDrift().state() != null);
        int accuracy = lastWith(windows, window -> window.performance() != null && window.performance().accuracy() != null);
        Current now = new Current(current, state, driftedNow, withVerdict, driftedRun,
                concept < 0 ? null : windows.get(concept).conceptDrift().state(),
                accuracy < 0 ? null : windows.get(accuracy).performance().accuracy());
        Map<String, Integer> byRule = new TreeMap<>();
        decisions.forEach(decision -> byRule.merge(decision.rule(), 1, Integer::sum));
        return new TimelineSummary(windows.size(), windows.get(0).windowStart(), windows.get(windows.size() - 1).windowEnd(),
                drifted, first, dataset, now, decisions.size(), byRule);
    }

    /** The index of the last window that has the property, or -1. */
    private static int lastWith(List<WindowReport> windows, Predicate<WindowReport> property) {
        for (int i = windows.size() - 1; i >= 0; i--) {
            if (property.test(windows.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean drifted(FeatureReport feature) {
        return feature.drift() != null && feature.drift().drifted();
    }
}
