package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Observations that came after their window and its allowed lateness: each becomes a dead letter,
 * and a late prediction also a note for its model's next report ({@code volume.late_events}). The
 * window step no longer knows where a record was read, so a dead letter's partition and offset
 * are -1; a late outcome's payload is its label.
 */
public final class LateObservations extends ProcessFunction<Observation, ReportNote> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("late-dead-letters") {};
    private static final EventCodec CODEC = new EventCodec();

    private final String eventSource;
    private final String labelSource;
    private final Duration window;
    private final Duration allowedLateness;
    private transient ModelMetricGroups<Counter> lateEvents;
    private transient ModelMetricGroups<Counter> lateLabels;

    /** @param eventSource and {@code labelSource}: the names dead letters give as their source */
    public LateObservations(String eventSource, String labelSource, Duration window, Duration allowedLateness) {
        this.eventSource = eventSource;
        this.labelSource = labelSource;
        this.window = window;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext context) {
        lateEvents = new ModelMetricGroups<>(getRuntimeContext().getMetricGroup(), group -> group.counter("late_events"));
        lateLabels = new ModelMetricGroups<>(getRuntimeContext().getMetricGroup(), group -> group.counter("late_labels"));
    }

    @Override
    public void processElement(Observation late, Context context, Collector<ReportNote> out) {
        if (late.isPrediction()) {
            lateEvents.of(late.prediction().model(), late.prediction().modelVersion()).inc();
            context.output(DEAD_LETTERS, DeadLetter.of(eventSource, -1, -1,
                    "timestamp: " + late.prediction().timestamp() + " is late: " + closed(), CODEC.write(late.prediction())));
            out.collect(ReportNote.lateEvent(late.prediction()));
        } else {
            LabeledOutcome outcome = late.outcome();
            lateLabels.of(outcome.model(), outcome.modelVersion()).inc();
            LabelEvent label = new LabelEvent(outcome.predictionId(), outcome.model(), outcome.actual(), outcome.labelTime());
            context.output(DEAD_LETTERS, DeadLetter.of(labelSource, -1, -1, "timestamp: label of "
                    + Instant.ofEpochMilli(late.time()) + " is late: " + closed(), CODEC.write(label)));
        }
    }

    private String closed() {
        return "its " + window + " window closed and its allowed lateness of " + allowedLateness + " has passed";
    }
}
