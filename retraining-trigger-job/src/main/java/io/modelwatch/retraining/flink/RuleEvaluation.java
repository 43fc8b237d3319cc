package io.modelwatch.retraining.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.delivery.DeliveryRequest;
import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.rules.Evaluation;
import io.modelwatch.retraining.rules.ReportSnapshot;
import io.modelwatch.retraining.rules.Rule;
import io.modelwatch.retraining.rules.RuleEvaluator;
import io.modelwatch.retraining.rules.RuleSet;
import io.modelwatch.retraining.rules.RuleSetChange;
import io.modelwatch.retraining.rules.RuleSetLoader;
import io.modelwatch.retraining.rules.RuleSetRecord;
import io.modelwatch.retraining.rules.RuleState;
import io.modelwatch.retraining.rules.WindowReportMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule on the reports of one (model, version) in window-end order (docs/ARCHITECTURE.md
 * section 6), with the rule set in force (docs/RULES-TOPIC.md). Run it in a {@link ReportTimeOperator}:
 * rule sets arrive on its second, broadcast input, which must not move event time.
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
 *
 * <p>Rule sets: the rules file is in force until a rule set from the rules topic arrives; that one
 * is kept in broadcast state ({@link #RULES_IN_FORCE}, checkpointed) and applies to every report
 * evaluated after it arrived. When it arrives, every key's rule states are carried over as
 * {@link RuleSetChange} defines. Each decision's requests, one per action, leave through
 * {@link #REQUESTS} with the action as this rule set defines it.
 */
public class RuleEvaluation extends KeyedBroadcastProcessFunction<ModelVersionKey, ReportEnvelope, RuleSetRecord, Decision> {
    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-reports", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<DeliveryRequest> REQUESTS =
            new OutputTag<>("delivery-requests", TypeInformation.of(DeliveryRequest.class));
    /** The rule set from the topic in force, under {@link RuleSetRecord#KEY}; none: the rules file's. */
    public static final MapStateDescriptor<String, RuleSetRecord> RULES_IN_FORCE = new MapStateDescriptor<>(
            "rules-in-force", Types.STRING, TypeInformation.of(RuleSetRecord.class));
    private static final MapStateDescriptor<String, RuleState> RULE_STATES = new MapStateDescriptor<>(
            "rule-states", Types.STRING, TypeInformation.of(RuleState.class));
    private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluation.class);

    private final String rulesYaml;

    private transient RuleSet fileRules;
    /** The rule set {@link #rules} was parsed from: null for the rules file. Read by the metric's thread. */
    private transient volatile RuleSetRecord rulesRecord;
    private transient RuleSet rules;
    private transient MapState<Long, ReportEnvelope> waiting;
    private transient ValueState<Long> lastEvaluatedEnd;
    private transient MapState<String, RuleState> ruleStates;
    private transient MetricGroup modelwatch;
    private transient Counter duplicateReports;
    private transient Counter evaluatedReports;
    private transient Map<String, Counter> decisionsPerRule;

    /** @param rulesYaml a rules file's text; the parsed rules are not serializable, so each subtask parses them */
    public RuleEvaluation(String rulesYaml) {
        this.rulesYaml = rulesYaml;
    }

    @Override
    public void open(OpenContext openContext) {
        fileRules = RuleSetLoader.parse(rulesYaml);
        rules = fileRules;
        rulesRecord = null;
        waiting = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("waiting-reports", Types.LONG, TypeInformation.of(ReportEnvelope.class)));
        lastEvaluatedEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("last-evaluated-window-end", Types.LONG));
        ruleStates = getRuntimeContext().getMapState(RULE_STATES);
        // Names as in deploy/prometheus/METRICS.md: late reports are dead letters.
        modelwatch = getRuntimeContext().getMetricGroup().addGroup("modelwatch");
        duplicateReports = modelwatch.counter("duplicate_reports");
        // Every report read is evaluated (counted here), a duplicate, or a dead letter.
        evaluatedReports = modelwatch.counter("evaluated_reports");
        decisionsPerRule = new HashMap<>();
        fileRules.rules().forEach(this::decisions);
        // Which rule set each subtask applies: its offset in the rules topic, -1 for the rules file's.
        // After a restore it shows -1 until the first report or rule set, when the restored one is read.
        modelwatch.gauge("rules_offset", (Gauge<Long>) () -> {
            RuleSetRecord record = rulesRecord;
            return record == null ? -1L : record.offset();
        });
    }

    @Override
    public void processElement(ReportEnvelope envelope, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        long end = envelope.eventTime();
        Long lastEnd = lastEvaluatedEnd.value();
        if (lastEnd != null && end < lastEnd) {
            ctx.output(LATE, envelope.deadLetter("window_end: " + Instant.ofEpochMilli(end)
                    + " arrived after the report ending " + Instant.ofEpochMilli(lastEnd)
                    + " was evaluated (more out of order than the configured bound)"));
        } else if ((lastEnd != null && end == lastEnd) || waiting.contains(end)) {
            duplicateReports.inc();
        } else if (end <= ctx.timerService().currentWatermark()) {
            evaluate(envelope.report(), ctx, out);
        } else {
            waiting.put(end, envelope);
            ctx.timerService().registerEventTimeTimer(end);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out) throws Exception {
        ReportEnvelope envelope = waiting.get(timestamp);
        waiting.remove(timestamp);
        evaluate(envelope.report(), ctx, out);
    }

    /**
     * A valid rule set (validated once, before the broadcast) comes into force: on every subtask
     * alike, so each subtask carries over the rule states of its own keys.
     */
    @Override
    public void processBroadcastElement(RuleSetRecord record, Context ctx, Collector<Decision> out) throws Exception {
        BroadcastState<String, RuleSetRecord> inForce = ctx.getBroadcastState(RULES_IN_FORCE);
        RuleSet before = rulesInForce(inForce);
        RuleSet after = record.isTombstone() ? fileRules : RuleSetLoader.parse(record.yaml());
        RuleSetChange change = RuleSetChange.between(before, after);
        if (change.changesState()) {
            ctx.applyToKeyedState(RULE_STATES, (key, states) -> carryOver(change, states));
        }
        if (record.isTombstone()) {
            inForce.remove(RuleSetRecord.KEY);
        } else {
            inForce.put(RuleSetRecord.KEY, record);
        }
        after.rules().forEach(this::decisions);
        rules = after;
        rulesRecord = record.isTombstone() ? null : record;
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            LOG.info("rules from {} in force{}: rules {}; {}", record.position(),
                    record.isTombstone() ? " (a tombstone: the rules file's)" : "",
                    after.rules().stream().map(Rule::name).toList(), change);
        }
    }

    private static void carryOver(RuleSetChange change, MapState<String, RuleState> states) throws Exception {
        List<Map.Entry<String, RuleState>> entries = new ArrayList<>();
        states.entries().forEach(entries::add);
        for (Map.Entry<String, RuleState> entry : entries) {
            RuleState kept = change.carryOver(entry.getKey(), entry.getValue());
            if (kept == null) {
                states.remove(entry.getKey());
            } else if (!kept.equals(entry.getValue())) {
                states.put(entry.getKey(), kept);
            }
        }
    }

    /** The rule set in force: the one in broadcast state, parsed once per subtask, or the rules file's. */
    private RuleSet rulesInForce(ReadOnlyBroadcastState<String, RuleSetRecord> inForce) throws Exception {
        RuleSetRecord record = inForce.get(RuleSetRecord.KEY);
        if (record == null) {
            rulesRecord = null;
            rules = fileRules;
        } else if (rulesRecord == null || rulesRecord.offset() != record.offset()
                || !rulesRecord.sourceTopic().equals(record.sourceTopic())) {
            // Restored from a checkpoint: the broadcast state is back, the parsed rules are not.
            rulesRecord = record;
            rules = RuleSetLoader.parse(record.yaml());
        }
        return rules;
    }

    /** A rule's decisions counter, registered when the rule first comes into force and kept while the job runs. */
    private Counter decisions(Rule rule) {
        return decisionsPerRule.computeIfAbsent(rule.name(), name -> modelwatch.addGroup("rule", name).counter("decisions"));
    }

    private void evaluate(WindowReport report, ReadOnlyContext ctx, Collector<Decision> out) throws Exception {
        RuleSet inForce = rulesInForce(ctx.getBroadcastState(RULES_IN_FORCE));
        ReportSnapshot snapshot = WindowReportMetrics.snapshot(report);
        for (Rule rule : inForce.rules()) {
            RuleState before = ruleStates.get(rule.name());
            Evaluation evaluation = RuleEvaluator.evaluate(rule, before == null ? RuleState.INITIAL : before, snapshot);
            if (RuleEvaluator.isSettled(rule, evaluation.state(), report.windowEnd())) {
                ruleStates.remove(rule.name());
            } else {
                ruleStates.put(rule.name(), evaluation.state());
            }
            evaluation.decision().ifPresent(decision -> {
                decisions(rule).inc();
                out.collect(decision);
                for (String action : decision.actions()) {
                    ctx.output(REQUESTS, new DeliveryRequest(decision, action, inForce.actions().get(action).toJson()));
                }
            });
        }
        lastEvaluatedEnd.update(report.windowEnd().toEpochMilli());
        evaluatedReports.inc();
    }
}
