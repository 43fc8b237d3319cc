package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.rules.RuleSetRecord;
import io.modelwatch.retraining.decision.Decision;
import java.util.List;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Runs {@link RuleEvaluation} with event time taken from the reports (input 1) alone.
 *
 * <p>A two-input operator's watermark is the smaller of its inputs' unless an input is idle. The
 * rule sets (input 2) carry no event time, and either choice for them breaks something: without
 * watermarks they would hold every decision back for good; with {@code Long.MAX_VALUE} watermarks,
 * whenever every report partition is idle (which {@code idleness} makes them, between windows)
 * while the rules input is active, the operator's watermark would jump to the end of time, fire
 * every waiting report at once and turn every later report into a late one. So this operator
 * ignores input 2's watermarks and watermark statuses, and counts that input as idle for good:
 * its watermark is the reports', and it is idle exactly when the reports are.
 *
 * <p>It extends Flink's operator for {@code KeyedBroadcastProcessFunction}s (an internal class,
 * so check this one when moving to another Flink release; ReportTimeOperatorTest pins the behaviour).
 */
public final class ReportTimeOperator
        extends CoBroadcastWithKeyedOperator<ModelVersionKey, ReportEnvelope, RuleSetRecord, Decision> {
    private static final long serialVersionUID = 1L;
    private static final int RULES_INPUT = 1;

    public ReportTimeOperator(RuleEvaluation evaluation) {
        super(evaluation, List.of(RuleEvaluation.RULES_IN_FORCE));
    }

    @Override
    public void open() throws Exception {
        super.open();
        super.processWatermarkStatus(WatermarkStatus.IDLE, RULES_INPUT);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // Rule sets do not move event time.
    }

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int inputIndex) throws Exception {
        if (inputIndex != RULES_INPUT) {
            super.processWatermarkStatus(status, inputIndex);
        }
    }
}
