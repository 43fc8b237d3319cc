package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.Performance;
import io.modelwatch.common.report.WindowReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One model version's story: its window reports in window order and every metric of them as a
 * series with one value per window, the features ordered by how many windows they drifted in, and
 * the retraining decisions that fired on them. A window reported twice shows its later report.
 *
 * @param volume {@value #PREDICTIONS}, {@value #ERRORS}, {@value #ERROR_RATE}, {@value #LATE_EVENTS}
 * @param latencyMs {@value #P50}, {@value #P95}, {@value #P99}
 * @param performance {@value #LABELED}, {@value #LABEL_COVERAGE}, {@value #ACCURACY}, {@value #F1_WEIGHTED},
 *     {@value #F1_MACRO}, {@value #ESTIMATED_ACCURACY}, {@value #MAE}, {@value #RMSE}, {@value #MAPE}
 * @param conceptDrift the detector's state per window (stable, warning, drift; null before the first outcome)
 * @param conceptDriftChanges the windows whose state differs from the previous known state
 * @param datasetDrift {@value #DRIFTED_FEATURES}, {@value #TOTAL_FEATURES}, {@value #SHARE}
 * @param datasetDrifted the dataset verdict per window; null without one
 * @param predictionShares predicted class → its share of each window's predictions (0 when the window had
 *     predictions but none of the class, null when it had no distribution)
 * @param features ordered by drifted windows, most first; ties keep the order in which the reports name them
 * @param decisions in window order
 */
public record Timeline(String model, String modelVersion, List<WindowReport> windows,
        Map<String, TimelineSeries> volume, Map<String, TimelineSeries> latencyMs, Map<String, TimelineSeries> performance,
        List<String> conceptDrift, List<StateChange> conceptDriftChanges,
        Map<String, TimelineSeries> datasetDrift, List<Boolean> datasetDrifted,
        Map<String, TimelineSeries> predictionShares, List<FeatureTimeline> features,
        List<TimelineDecision> decisions, TimelineSummary summary) {

    public static final String PREDICTIONS = "predictions";
    public static final String ERRORS = "errors";
    public static final String ERROR_RATE = "error_rate";
    public static final String LATE_EVENTS = "late_events";
    public static final String P50 = "p50";
    public static final String P95 = "p95";
    public static final String P99 = "p99";
    public static final String LABELED = "labeled";
    public static final String LABEL_COVERAGE = "label_coverage";
    public static final String ACCURACY = "accuracy";
    public static final String F1_WEIGHTED = "f1_weighted";
    public static final String F1_MACRO = "f1_macro";
    public static final String ESTIMATED_ACCURACY = "estimated_accuracy";
    public static final String MAE = "mae";
    public static final String RMSE = "rmse";
    public static final String MAPE = "mape";
    public static final String DRIFTED_FEATURES = "drifted_features";
    public static final String TOTAL_FEATURES = "total_features";
    public static final String SHARE = "share";

    private static final Comparator<WindowReport> WINDOW_ORDER =
            Comparator.comparing(WindowReport::windowStart).thenComparing(WindowReport::windowEnd);

    /** The concept-drift detector moved from one state to another in a window. */
    public record StateChange(int window, String from, String to) {}

    /** One timeline per model version that has windows, by model and version; decisions of other versions are left out. */
    public static List<Timeline> of(List<WindowReport> reports, List<TimelineDecision> decisions) {
        Map<List<String>, List<WindowReport>> byVersion = new TreeMap<>(
                Comparator.<List<String>, String>comparing(key -> key.get(0)).thenComparing(key -> key.get(1)));
        reports.forEach(report -> byVersion.computeIfAbsent(List.of(report.model(), report.modelVersion()),
                key -> new ArrayList<>()).add(report));
        List<Timeline> timelines = new ArrayList<>();
        byVersion.forEach((key, windows) -> timelines.add(of(key.get(0), key.get(1), windows, decisions.stream()
                .filter(decision -> decision.model().equals(key.get(0)) && decision.modelVersion().equals(key.get(1)))
                .toList())));
        return timelines;
    }

    static Timeline of(String model, String modelVersion, List<WindowReport> reports, List<TimelineDecision> decisions) {
        List<WindowReport> windows = inWindowOrder(reports);
        Map<String, TimelineSeries> volume = new Group(windows)
                .add(PREDICTIONS, window -> window.volume() == null ? null : window.volume().predictions())
                .add(ERRORS, window -> window.volume() == null ? null : window.volume().errors())
                .add(ERROR_RATE, window -> window.volume() == null ? null : window.volume().errorRate())
                .add(LATE_EVENTS, window -> window.volume() == null ? null : window.volume().lateEvents())
                .series();
        Map<String, TimelineSeries> latency = new Group(windows)
                .add(P50, window -> window.latencyMs() == null ? null : window.latencyMs().p50())
                .add(P95, window -> window.latencyMs() == null ? null : window.latencyMs().p95())
                .add(P99, window -> window.latencyMs() == null ? null : window.latencyMs().p99())
                .series();
        Map<String, TimelineSeries> performance = new Group(windows)
                .add(LABELED, performance(Performance::labeled))
                .add(LABEL_COVERAGE, performance(Performance::labelCoverage))
                .add(ACCURACY, performance(Performance::accuracy))
                .add(F1_WEIGHTED, performance(Performance::f1Weighted))
                .add(F1_MACRO, performance(Performance::f1Macro))
                .add(ESTIMATED_ACCURACY, performance(Performance::estimatedAccuracy))
                .add(MAE, performance(Performance::mae))
                .add(RMSE, performance(Performance::rmse))
                .add(MAPE, performance(Performance::mape))
                .series();
        Map<String, TimelineSeries> datasetDrift = new Group(windows)
                .add(DRIFTED_FEATURES, window -> window.datasetDrift() == null ? null : window.datasetDrift().driftedFeatures())
                .add(TOTAL_FEATURES, window -> window.datasetDrift() == null ? null : window.datasetDrift().totalFeatures())
                .add(SHARE, window -> window.datasetDrift() == null ? null : window.datasetDrift().share())
                .series();
        List<Boolean> datasetDrifted = nullable(windows,
                window -> window.datasetDrift() == null ? null : window.datasetDrift().drifted());
        List<String> conceptDrift = nullable(windows,
                window -> window.conceptDrift() == null ? null : window.conceptDrift().state());

        List<FeatureTimeline> features = new ArrayList<>(featureNames(windows).stream()
                .map(name -> FeatureTimeline.of(name, windows)).toList());
        features.sort(Comparator.comparingInt(FeatureTimeline::driftedWindows).reversed());
        List<TimelineDecision> ordered = decisions.stream()
                .sorted(Comparator.comparing(TimelineDecision::windowEnd).thenComparing(TimelineDecision::rule)).toList();
        return new Timeline(model, modelVersion, windows, volume, latency, performance, conceptDrift,
                changes(conceptDrift), datasetDrift, datasetDrifted, predictionShares(windows), features, ordered,
                TimelineSummary.of(windows, features, ordered));
    }

    public int size() {
        return windows.size();
    }

    /** Whether window {@code i} starts where the one before it ended; a hole in between breaks the lines. */
    public boolean continuesPrevious(int i) {
        return i > 0 && !windows.get(i).windowStart().isAfter(windows.get(i - 1).windowEnd());
    }

    /** The index of the window a decision fired on (the one ending when its window ends), or -1 without one. */
    public int windowOf(TimelineDecision decision) {
        int low = 0;
        int high = windows.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = windows.get(middle).windowEnd().compareTo(decision.windowEnd());
            if (order == 0) {
                return middle;
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return -1;
    }

    public String title() {
        return model + "@" + modelVersion;
    }

    /** Sorted by window; of two reports of one window the later line wins. Maps a report leaves out become empty. */
    private static List<WindowReport> inWindowOrder(List<WindowReport> reports) {
        Map<List<Instant>, WindowReport> byWindow = new TreeMap<>(
                Comparator.<List<Instant>, Instant>comparing(key -> key.get(0)).thenComparing(key -> key.get(1)));
        for (WindowReport report : reports) {
            byWindow.put(List.of(report.windowStart(), report.windowEnd()), withMaps(report));
        }
        return List.copyOf(byWindow.values());
    }

    private static WindowReport withMaps(WindowReport report) {
        if (report.features() != null && report.predictionDistribution() != null) {
            return report;
        }
        return new WindowReport(report.model(), report.modelVersion(), report.windowStart(), report.windowEnd(),
                report.volume(), report.latencyMs(),
                report.predictionDistribution() == null ? Map.of() : report.predictionDistribution(),
                report.features() == null ? Map.of() : report.features(),
                report.datasetDrift(), report.performance(), report.conceptDrift());
    }

    private static Function<WindowReport, Number> performance(Function<Performance, ? extends Number> metric) {
        return window -> window.performance() == null ? null : metric.apply(window.performance());
    }

    /** Named series over the same windows, in the order they are added. */
    private static final class Group {
        private final List<WindowReport> windows;
        private final Map<String, TimelineSeries> series = new LinkedHashMap<>();

        Group(List<WindowReport> windows) {
            this.windows = windows;
        }

        Group add(String name, Function<WindowReport, ? extends Number> metric) {
            series.put(name, TimelineSeries.of(name, windows, metric));
            return this;
        }

        Map<String, TimelineSeries> series() {
            return Collections.unmodifiableMap(series);
        }
    }

    private static <T> List<T> nullable(List<WindowReport> windows, Function<WindowReport, T> value) {
        List<T> values = new ArrayList<>(windows.size());
        windows.forEach(window -> values.add(value.apply(window)));
        return Collections.unmodifiableList(values);
    }

    private static Set<String> featureNames(List<WindowReport> windows) {
        Set<String> names = new LinkedHashSet<>();
        windows.forEach(window -> names.addAll(window.features().keySet()));
        return names;
    }

    private static List<StateChange> changes(List<String> states) {
        List<StateChange> changes = new ArrayList<>();
        String known = null;
        for (int i = 0; i < states.size(); i++) {
            String state = states.get(i);
            if (state != null && !state.equals(known)) {
                if (known != null) {
                    changes.add(new StateChange(i, known, state));
                }
                known = state;
            }
        }
        return List.copyOf(changes);
    }

    private static Map<String, TimelineSeries> predictionShares(List<WindowReport> windows) {
        Set<String> classes = new TreeSet<>();
        windows.forEach(window -> classes.addAll(window.predictionDistribution().keySet()));
        Map<String, TimelineSeries> shares = new LinkedHashMap<>();
        for (String label : classes) {
            shares.put(label, TimelineSeries.of(label, windows, window -> window.predictionDistribution().isEmpty()
                    ? null : window.predictionDistribution().getOrDefault(label, 0.0)));
        }
        return Collections.unmodifiableMap(shares);
    }

    /** Whether any window has the metric: charts of absent metrics are left out. */
    public static boolean anyPresent(Map<String, TimelineSeries> group, String... names) {
        for (String name : names) {
            if (group.get(name) != null && group.get(name).present()) {
                return true;
            }
        }
        return false;
    }
}
