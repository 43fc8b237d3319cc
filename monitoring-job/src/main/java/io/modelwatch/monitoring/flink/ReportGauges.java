package io.modelwatch.monitoring.flink;

import io.modelwatch.common.report.WindowReport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Exposes each model version's latest window report as gauges for Prometheus (names in
 * deploy/prometheus/METRICS.md, which the alert rules and the Grafana dashboard read), and
 * passes the report on unchanged.
 */
public class ReportGauges extends RichMapFunction<WindowReport, WindowReport> {
    private static final long serialVersionUID = 1L;
    private transient ModelMetricGroups<LatestReport> latest;

    @Override
    public void open(OpenContext context) {
        latest = new ModelMetricGroups<>(getRuntimeContext().getMetricGroup(), LatestReport::new);
    }

    @Override
    public WindowReport map(WindowReport report) {
        latest.of(report.model(), report.modelVersion()).update(report);
        return report;
    }
}
