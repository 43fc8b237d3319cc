package io.modelwatch.cli.demo;

import io.modelwatch.common.report.DriftVerdict;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.retraining.decision.Decision;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the demo prints: one table row per window report, and a block per retraining decision. */
final class DemoConsole {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-19s %7s %6s %8s %8s %8s %6s  %s";
    static final String HEADER = String.format(Locale.ROOT, ROW,
            "window (UTC)", "events", "err %", "p95 ms", "accuracy", "est.acc", "drift", "top drifted features");
    private static final int TOP_FEATURES = 3;

    private DemoConsole() {}

    static String row(WindowReport report) {
        var performance = report.performance();
        var dataset = report.datasetDrift();
        return String.format(Locale.ROOT, ROW,
                TIME.format(report.windowStart()) + "–" + TIME.format(report.windowEnd()),
                report.volume().predictions(),
                percent(report.volume().errorRate()),
                number(report.latencyMs().p95(), "%.1f"),
                performance == null ? "-" : number(performance.accuracy(), "%.3f"),
                performance == null ? "-" : number(performance.estimatedAccuracy(), "%.3f"),
                dataset == null ? "-" : dataset.driftedFeatures() + "/" + dataset.totalFeatures(),
                topDrifted(report.features()));
    }

    private static String topDrifted(Map<String, FeatureReport> features) {
        List<String> drifted = features.entrySet().stream()
                .filter(feature -> feature.getValue().drift() != null && feature.getValue().drift().drifted())
                .sorted(Comparator.comparing((Map.Entry<String, FeatureReport> feature) -> severity(feature.getValue().drift())).reversed())
                .limit(TOP_FEATURES)
                .map(feature -> String.format(Locale.ROOT, "%s %s %.3f", feature.getKey(),
                        feature.getValue().drift().method(), feature.getValue().drift().score()))
                .toList();
        return drifted.isEmpty() ? "-" : String.join(", ", drifted);
    }

    /** Methods differ in scale; rank by how far past its threshold each verdict is. */
    private static double severity(DriftVerdict drift) {
        if (drift.pValue() != null) {
            return drift.threshold() / Math.max(drift.pValue(), Double.MIN_NORMAL);
        }
        return drift.score() / drift.threshold();
    }

    static String decision(Decision decision, Map<String, String> requests) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                ">>> retraining decision: rule '%s' (%s) fired for %s@%s on the window ending %s%n",
                decision.rule(), decision.severity().wireName(), decision.model(), decision.modelVersion(),
                TIME.format(decision.windowEnd())));
        text.append("    because ").append(decision.metrics().entrySet().stream()
                .map(metric -> String.format(Locale.ROOT, "%s = %.4g", metric.getKey(), metric.getValue()))
                .collect(Collectors.joining(", "))).append('\n');
        text.append("    idempotency key ").append(decision.idempotencyKey()).append('\n');
        requests.forEach((action, request) -> text.append("    action '").append(action)
                .append("' would send (not sent in the demo):\n")
                .append(request.lines().map(line -> "      " + line).collect(Collectors.joining("\n")))
                .append('\n'));
        return text.toString().stripTrailing();
    }

    private static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    private static String number(Double value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }
}
