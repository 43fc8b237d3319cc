package io.modelwatch.monitoring.flink;

import java.time.Duration;
import java.util.Collection;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowStagger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling event-time windows over {@link Observation#time()} rather than the record's timestamp.
 * They differ for an outcome whose label came before its prediction was processed: the join emits
 * it when the prediction arrives, stamped with the prediction's time, yet it belongs to the window
 * in which its label became known. Flink decides lateness by the window, so such an outcome is
 * late exactly when its label's window has closed.
 */
public final class ObservationWindows extends TumblingEventTimeWindows {
    private static final long serialVersionUID = 1L;

    public ObservationWindows(Duration size) {
        super(size.toMillis(), 0, WindowStagger.ALIGNED);
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        return super.assignWindows(element, ((Observation) element).time(), context);
    }
}
