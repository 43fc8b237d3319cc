package io.modelwatch.retraining.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.rules.Evaluation;
import io.modelwatch.retraining.rules.ReportSnapshot;
import io.modelwatch.retraining.rules.Rule;
import io.modelwatch.retraining.rules.RuleEvaluator;
import io.modelwatch.retraining.rules.RuleSetLoader;
import io.modelwatch.retraining.rules.RuleState;
import io.modelwatch.retraining.rules.WindowReportMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Evaluates every rule on the reports of one (model, version) in window-end order (docs/ARCHITECTURE.md section 6).
 *
 * <p>A report waits in keyed state for an event-time timer at its window end, so the watermark
 * (window ends less the out-of-order bound) releases the reports of a key in order. A report
 * whose window ends at or before the watermark is evaluated at once, which is still in order:
 * every report still waiting ends after the watermark. Per key and rule the {@link RuleState}
 * (streak, last firing) is kept in checkpointed state; a state that behaves like a fresh one is
 * dropped. Of the evaluated reports only the last window end is remembered, to recognise
 * <ul>
 *   <li>a replay of an evaluated or waiting report (same window end): dropped and counted;
 *   <li>a report ending before the last evaluated one, more out of order than the bound allowed:
 *       it cannot be evaluated in order any more and goes to {@link #LATE} as a dead letter.
 * </ul>
 */
public class RuleEvaluation extends KeyedProcessFunction<ModelVersionKey, ReportEnvelope, Decision> {
    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-reports", TypeInformation.of(DeadLetter.class));

    private final String rulesYaml;

    private transient List<Rule> rules;
    private transient MapState<Long, ReportEnvelope> waiting;
    private transient ValueState<Long> lastEvaluatedEnd;
    private transient MapState<String, RuleState> ruleStates;
    private transient Counter duplicateReports;
    private transient Counter evaluatedReports;
    private transient Map<String, Counter> decisionsPerRule;

    /** @param rulesYaml a rules file's text; the parsed rules are not serializable, so each subtask parses them */
    public RuleEvaluation(String rulesYaml) {
        this.rulesYaml = rulesYaml;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = RuleSetLoader.parse(rulesYaml).rules();
        waiting = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("waiting-reports", Types.LONG, TypeInformation.of(ReportEnvelope.class)));
        lastEvaluatedEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("last-evaluated-window-end", Types.LONG));
        ruleStates = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("rule-states", Types.STRING, TypeInformation.of(RuleState.class)));
        // Names as in deploy/prometheus/METRICS.md: late reports are dead letters.
        MetricGroup modelwatch = getRuntimeContext().getMetricGroup().addGroup("modelwatch");
        duplicateReports = modelwatch.counter("duplicate_reports");
        // Every report read is evaluated (counted here), a duplicate, or a dead letter.
        evaluatedReports = modelwatch.counter("evaluated_reports");
        decisionsPerRule = new HashMap<>();
        for (Rule rule : rules) {
            decisionsPerRule.put(rule.name(), modelwatch.addGroup("rule", rule.name()).counter("decisions"));
        }
    }

    @Override
    public void processElement(ReportEnvelope envelope, Context ctx, Collector<Decision> out) throws Exception {
        long end = envelope.eventTime();
        Long lastEnd = lastEvaluatedEnd.value();
        if (lastEnd != null && end < lastEnd) {
            ctx.output(LATE, envelope.deadLetter("window_end: " + Instant.ofEpochMilli(end)
                    + " arrived after the report ending " + Instant.ofEpochMilli(lastEnd)
                    + " was evaluated (more out of order than the configured bound)"));
        } else if ((lastEnd != null && end == lastEnd) || waiting.contains(end)) {
            duplicateReports.inc();
        } else if (end <= ctx.timerService().currentWatermark()) {
            evaluate(envelope.report(), out);
        } else {
            waiting.put(end, envelope);
            ctx.timerService().registerEventTimeTimer(end);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
        ReportEnvelope envelope = waiting.get(timestamp);
        waiting.remove(timestamp);
        evaluate(envelope.report(), out);
    }

    private void evaluate(WindowReport report, Collector<Decision> out) throws Exception {
        ReportSnapshot snapshot = WindowReportMetrics.snapshot(report);
        for (Rule rule : rules) {
            RuleState before = ruleStates.get(rule.name());
            Evaluation evaluation = RuleEvaluator.evaluate(rule, before == null ? RuleState.INITIAL : before, snapshot);
            if (RuleEvaluator.isSettled(rule, evaluation.state(), report.windowEnd())) {
                ruleStates.remove(rule.name());
            } else {
                ruleStates.put(rule.name(), evaluation.state());
            }
            evaluation.decision().ifPresent(decision -> {
                decisionsPerRule.get(rule.name()).inc();
                out.collect(decision);
            });
        }
        lastEvaluatedEnd.update(report.windowEnd().toEpochMilli());
        evaluatedReports.inc();
    }
}
