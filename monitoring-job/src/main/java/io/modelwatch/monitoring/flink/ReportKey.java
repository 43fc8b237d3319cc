package io.modelwatch.monitoring.flink;

import io.modelwatch.common.report.WindowReport;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Kafka key of a report, {@code model/version}, so one model version's reports stay in order on one partition. */
public final class ReportKey implements SerializationSchema<WindowReport> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(WindowReport report) {
        return (report.model() + "/" + report.modelVersion()).getBytes(StandardCharsets.UTF_8);
    }
}
