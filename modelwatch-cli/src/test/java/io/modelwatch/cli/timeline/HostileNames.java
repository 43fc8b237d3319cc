package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Window reports and a decision whose every name tries to break out of the page. */
final class HostileNames {
    static final String MODEL = "<script>alert(1)</script>";
    static final String VERSION = "\"v1\" & 'v2'";
    static final String FEATURE = "</title><img src=x onerror=alert(1)>";
    static final String RULE = "<script>alert(3)</script>";
    static final String CLASS = "</script><script>alert(2)</script>";
    static final String ACTION = "\"><svg onload=alert(4)>";

    private HostileNames() {}

    /** Twelve windows of the hostile model: its feature drifts from window 6 on, a decision fires on window 7. */
    static void write(Path windows, Path decisions) {
        List<WindowReport> reports = new ArrayList<>();
        for (WindowReport report : GeneratedWindows.windows(MODEL, VERSION, 12, 6, 8, Set.of())) {
            Map<String, FeatureReport> features = new LinkedHashMap<>();
            report.features().forEach((name, feature) -> features.put(name.equals(GeneratedWindows.INCOME) ? FEATURE : name, feature));
            Map<String, Double> classes = new LinkedHashMap<>();
            report.predictionDistribution().forEach((label, share) -> classes.put(label.equals("1") ? CLASS : label, share));
            reports.add(new WindowReport(report.model(), report.modelVersion(), report.windowStart(), report.windowEnd(),
                    report.volume(), report.latencyMs(), classes, features, report.datasetDrift(), report.performance(),
                    report.conceptDrift()));
        }
        GeneratedWindows.write(windows, reports);
        Decision decision = new Decision(MODEL, VERSION, RULE, Severity.CRITICAL, GeneratedWindows.start(7),
                GeneratedWindows.start(8), Map.of("max_psi </b>", 0.9), List.of(ACTION), "key-\"quoted\"-<b>bold</b>");
        GeneratedWindows.writeString(decisions, GeneratedWindows.auditLine(decision) + "\n");
    }
}
