package io.modelwatch.monitoring.flink;

import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.WindowReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A window report as one compact, fixed-width console row: model, window, volume, error rate,
 * latency p50/p95, and drift (drifted of tested features, and the most drifted feature's score).
 */
public final class ReportTable implements MapFunction<WindowReport, String> {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    public static final String HEADER = String.format(Locale.ROOT, "%-24s %-19s %8s %7s %9s %9s %-8s %s",
            "model@version", "window start (UTC)", "events", "errors", "p50 ms", "p95 ms", "drifted", "top drift");

    @Override
    public String map(WindowReport report) {
        return row(report);
    }

    public static String row(WindowReport report) {
        String drifted = report.datasetDrift() == null ? "-"
                : report.datasetDrift().driftedFeatures() + "/" + report.datasetDrift().totalFeatures();
        return String.format(Locale.ROOT, "%-24s %-19s %8d %6s%% %9s %9s %-8s %s",
                report.model() + "@" + report.modelVersion(), TIME.format(report.windowStart()),
                report.volume().predictions(),
                report.volume().errorRate() == null ? "-" : String.format(Locale.ROOT, "%.2f", 100 * report.volume().errorRate()),
                number(report.latencyMs().p50()), number(report.latencyMs().p95()), drifted, topDrift(report));
    }

    private static String topDrift(WindowReport report) {
        return report.features().entrySet().stream()
                .filter(feature -> feature.getValue().drift() != null && feature.getValue().drift().score() != null)
                .max((a, b) -> Double.compare(normalised(a.getValue()), normalised(b.getValue())))
                .map(ReportTable::describe)
                .orElse("-");
    }

    /** Scores of different methods are not comparable; rank by score over threshold. */
    private static double normalised(FeatureReport feature) {
        double threshold = feature.drift().threshold() == null || feature.drift().threshold() == 0 ? 1 : feature.drift().threshold();
        return feature.drift().pValue() != null ? threshold / Math.max(feature.drift().pValue(), 1e-300)
                : feature.drift().score() / threshold;
    }

    private static String describe(Map.Entry<String, FeatureReport> feature) {
        var drift = feature.getValue().drift();
        return String.format(Locale.ROOT, "%s %s=%.3f%s", feature.getKey(), drift.method(),
                drift.pValue() != null ? drift.pValue() : drift.score(), drift.drifted() ? " DRIFT" : "");
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
