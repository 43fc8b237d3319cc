package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Partials that reached the window step after their window's allowed lateness. A partial is sent
 * before the watermark that releases it, so this happens only to the partial of a source
 * partition that was idle, and so left out of the window step's watermark, and then resumed with
 * events that its own watermark still admitted but the others' had passed. Its events are no
 * longer one by one: they become one dead letter that says how many there were, and count as late
 * events in the model version's next report and in {@code late_events}.
 */
public final class LatePartials extends ProcessFunction<PartialWindow, ReportNote> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("late-partial-dead-letters") {};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Duration window;
    private final Duration allowedLateness;
    private transient ModelMetricGroups<Counter> lateEvents;

    /** @param source the name dead letters give as their source */
    public LatePartials(String source, Duration window, Duration allowedLateness) {
        this.source = source;
        this.window = window;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext context) {
        lateEvents = new ModelMetricGroups<>(getRuntimeContext().getMetricGroup(), group -> group.counter("late_events"));
    }

    @Override
    public void processElement(PartialWindow late, Context context, Collector<ReportNote> out) throws IOException {
        long predictions = late.accumulator().predictions();
        long outcomes = late.accumulator().performance().labeled();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", late.model());
        summary.put("model_version", late.modelVersion());
        summary.put("window_start", Instant.ofEpochMilli(late.windowStart()).toString());
        summary.put("predictions", predictions);
        summary.put("outcomes", outcomes);
        context.output(DEAD_LETTERS, DeadLetter.of(source, -1, -1, "timestamp: " + predictions + " events and "
                + outcomes + " labels of the " + window + " window from " + Instant.ofEpochMilli(late.windowStart())
                + " are late: they came from a partition that had been idle, after the other partitions' "
                + "watermark had passed the window's allowed lateness of " + allowedLateness,
                JSON.writeValueAsBytes(summary)));
        if (predictions > 0) {
            lateEvents.of(late.model(), late.modelVersion()).inc(predictions);
            out.collect(ReportNote.lateEvents(late.model(), late.modelVersion(), predictions));
        }
    }
}
