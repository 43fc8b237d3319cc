package io.modelwatch.monitoring.aggregate;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import io.modelwatch.monitoring.metrics.ModelMetricGroups;
import org.apache.flink.metrics.Counter;

/**
 * Dead letters for events that came after their window and its allowed lateness. The window
 * step no longer knows where such an event was read, so its partition and offset are -1.
 */
public final class LateEvents extends RichMapFunction<PredictionEvent, DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final EventCodec CODEC = new EventCodec();

    private final String source;
    private final Duration window;
    private final Duration allowedLateness;
    private transient ModelMetricGroups<Counter> late;

    public LateEvents(String source, Duration window, Duration allowedLateness) {
        this.source = source;
        this.window = window;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext context) {
        late = new ModelMetricGroups<>(getRuntimeContext().getMetricGroup(), group -> group.counter("late_events"));
    }

    @Override
    public DeadLetter map(PredictionEvent event) {
        late.of(event.model(), event.modelVersion()).inc();
        return DeadLetter.of(source, -1, -1, "timestamp: " + event.timestamp() + " is late: its " + window
                + " window closed and its allowed lateness of " + allowedLateness + " has passed", CODEC.write(event));
    }
}
