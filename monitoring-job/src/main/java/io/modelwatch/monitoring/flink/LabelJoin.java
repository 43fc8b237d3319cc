package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.monitoring.groundtruth.LabelJoinSettings;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.groundtruth.PendingPrediction;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Joins predictions with labels that arrive later, keyed by prediction id. Whichever side comes
 * first waits in keyed state with an event-time timer: a prediction until its time plus the label
 * horizon (then it is unlabeled), a label until its time plus the orphan wait (then it is an orphan
 * and dead-lettered). After a match the id is remembered until the prediction's horizon ends, so
 * a repeated label is recognised as a duplicate: the first label wins. Inline {@code actual}
 * counts as a label known at prediction time.
 */
public class LabelJoin extends KeyedCoProcessFunction<String, PredictionEvent, LabelEvent, LabeledOutcome> {
    public static final OutputTag<PendingPrediction> UNLABELED = new OutputTag<>("unlabeled") {};
    public static final OutputTag<DeadLetter> ORPHANED_LABELS = new OutputTag<>("orphaned-labels") {};
    private static final EventCodec CODEC = new EventCodec();

    private final LabelJoinSettings settings;
    private final String labelSource;
    private transient ValueState<PendingPrediction> prediction;
    private transient ValueState<LabelEvent> label;
    private transient ValueState<Long> matchedUntil;
    private transient Counter duplicateLabels;
    private transient Counter orphanedLabels;
    private transient Counter unlabeledPredictions;

    /** @param labelSource the labels' topic or file, named by orphaned labels' dead letters */
    public LabelJoin(LabelJoinSettings settings, String labelSource) {
        this.settings = settings;
        this.labelSource = labelSource;
    }

    @Override
    public void open(OpenContext context) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(settings.stateTtl()).build();
        prediction = getRuntimeContext().getState(withTtl(new ValueStateDescriptor<>("prediction", PendingPrediction.class), ttl));
        label = getRuntimeContext().getState(withTtl(new ValueStateDescriptor<>("label", LabelEvent.class), ttl));
        matchedUntil = getRuntimeContext().getState(withTtl(new ValueStateDescriptor<>("matched-until", Long.class), ttl));
        var metrics = getRuntimeContext().getMetricGroup();
        duplicateLabels = metrics.counter("duplicateLabels");
        orphanedLabels = metrics.counter("orphanedLabels");
        unlabeledPredictions = metrics.counter("unlabeledPredictions");
    }

    private static <T> ValueStateDescriptor<T> withTtl(ValueStateDescriptor<T> descriptor, StateTtlConfig ttl) {
        descriptor.enableTimeToLive(ttl);
        return descriptor;
    }

    @Override
    public void processElement1(PredictionEvent event, Context context, Collector<LabeledOutcome> out) throws Exception {
        if (event.isError() || matchedUntil.value() != null || prediction.value() != null) {
            return; // failed predictions have nothing to label; a replayed prediction was already handled
        }
        PendingPrediction pending = new PendingPrediction(
                event.model(), event.modelVersion(), event.prediction(), event.timestamp());
        long horizonEnd = event.timestamp().plus(settings.labelHorizon()).toEpochMilli();
        context.timerService().registerEventTimeTimer(horizonEnd);
        LabelEvent waiting = label.value();
        if (waiting != null) {
            context.timerService().deleteEventTimeTimer(orphanDeadline(waiting));
            label.clear();
        }
        if (event.actual() != null) {
            if (waiting != null) {
                duplicateLabels.inc(); // the inline actual was known first, whichever record was processed first
            }
            out.collect(LabeledOutcome.inline(event));
            matchedUntil.update(horizonEnd);
        } else if (waiting != null) {
            out.collect(outcome(context.getCurrentKey(), pending, waiting.actual(), waiting.timestamp()));
            matchedUntil.update(horizonEnd);
        } else {
            prediction.update(pending);
        }
    }

    @Override
    public void processElement2(LabelEvent event, Context context, Collector<LabeledOutcome> out) throws Exception {
        if (matchedUntil.value() != null || label.value() != null) {
            duplicateLabels.inc();
            return;
        }
        PendingPrediction pending = prediction.value();
        if (pending != null) {
            prediction.clear();
            out.collect(outcome(context.getCurrentKey(), pending, event.actual(), event.timestamp()));
            // The prediction's horizon timer stays: when it fires it forgets the match.
            matchedUntil.update(pending.predictionTime().plus(settings.labelHorizon()).toEpochMilli());
        } else {
            label.update(event);
            context.timerService().registerEventTimeTimer(orphanDeadline(event));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<LabeledOutcome> out) throws Exception {
        Long matched = matchedUntil.value();
        if (matched != null && matched == timestamp) {
            matchedUntil.clear();
        }
        PendingPrediction pending = prediction.value();
        if (pending != null && pending.predictionTime().plus(settings.labelHorizon()).toEpochMilli() == timestamp) {
            prediction.clear();
            unlabeledPredictions.inc();
            context.output(UNLABELED, pending);
        }
        LabelEvent waiting = label.value();
        if (waiting != null && orphanDeadline(waiting) == timestamp) {
            label.clear();
            orphanedLabels.inc();
            context.output(ORPHANED_LABELS, orphanLetter(waiting));
        }
    }

    private long orphanDeadline(LabelEvent event) {
        return event.timestamp().plus(settings.orphanWait()).toEpochMilli();
    }

    private DeadLetter orphanLetter(LabelEvent event) {
        String reason = "orphaned label: no prediction '" + event.predictionId() + "' arrived within "
                + settings.orphanWait() + " of the label";
        return DeadLetter.of(labelSource, -1, -1, reason, CODEC.write(event));
    }

    private static LabeledOutcome outcome(String predictionId, PendingPrediction pending, String actual, Instant labelTime) {
        return new LabeledOutcome(predictionId, pending.model(), pending.modelVersion(), pending.prediction(), actual,
                pending.predictionTime(), labelTime);
    }
}
