package io.modelwatch.common.flink;

import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.report.WindowReport;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Window reports as the JSON of docs/ARCHITECTURE.md section 3, for the Kafka sink. */
public class WindowReportSerializationSchema implements SerializationSchema<WindowReport> {
    private static final ReportCodec CODEC = new ReportCodec();

    @Override
    public byte[] serialize(WindowReport report) {
        return CODEC.write(report);
    }
}
