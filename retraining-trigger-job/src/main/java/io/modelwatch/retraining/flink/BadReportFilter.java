package io.modelwatch.retraining.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.report.ReportEnvelope;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes valid reports on and sends rejected ones to {@link #REJECTED} as dead letters, counting them. */
public class BadReportFilter extends ProcessFunction<ReportEnvelope, ReportEnvelope> {
    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected-reports", TypeInformation.of(DeadLetter.class));

    private transient Counter rejected;

    @Override
    public void open(OpenContext openContext) {
        rejected = getRuntimeContext().getMetricGroup().addGroup("modelwatch").counter("dead_letters");
    }

    @Override
    public void processElement(ReportEnvelope envelope, Context ctx, Collector<ReportEnvelope> out) {
        if (envelope.isRejected()) {
            rejected.inc();
            ctx.output(REJECTED, envelope.rejection());
        } else {
            out.collect(envelope);
        }
    }
}
