package io.modelwatch.retraining.report;

import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.report.DriftVerdict;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.LatencySummary;
import io.modelwatch.common.report.NumericalSummary;
import io.modelwatch.common.report.Volume;
import io.modelwatch.common.report.WindowReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Small five-minute window reports whose only interesting metric is the PSI of one feature. */
public final class TestReports {
    public static final Instant DAY = Instant.parse("2026-11-28T00:00:00Z");
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private TestReports() {}

    /** The end of the {@code n}-th window of the day (window 1 ends at 00:05). */
    public static Instant end(int n) {
        return DAY.plus(WINDOW.multipliedBy(n));
    }

    /** The report of window {@code n} with {@code max_psi} = {@code psi}. */
    public static WindowReport report(String model, String version, int n, double psi) {
        FeatureReport income = new FeatureReport(FeatureReport.NUMERICAL, 100, 0, 0.0,
                new NumericalSummary(1.0, 0.5, 0.0, 2.0, Map.of(), null), null,
                new DriftVerdict("psi", psi, null, 0.2, psi >= 0.2), Map.of("psi", psi));
        return new WindowReport(model, version, end(n).minus(WINDOW), end(n),
                new Volume(100, 0, 0.0, 0), new LatencySummary(100, 5.0, 5.0, 6.0, 7.0, 8.0),
                Map.of("1", 1.0), Map.of("income", income), null, null, null);
    }

    public static ReportEnvelope envelope(String model, String version, int n, double psi) {
        return new ReportEnvelope("model-window-reports", 0, n, report(model, version, n, psi), null);
    }

    public static String jsonLine(String model, String version, int n, double psi) {
        return new ReportCodec().writeString(report(model, version, n, psi));
    }
}
