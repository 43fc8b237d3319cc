package io.modelwatch.monitoring.flink;

import io.modelwatch.common.event.PredictionEvent;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * What the label join needs of the events, before they cross the network to it: served
 * predictions (a failed one has nothing to label) without their features, probabilities and
 * latency, which the join never reads and which make up most of an event's bytes.
 */
public final class JoinablePredictions implements FlatMapFunction<Observation, PredictionEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Observation observation, Collector<PredictionEvent> out) {
        PredictionEvent event = observation.prediction();
        if (event != null && !event.isError()) {
            out.collect(new PredictionEvent(event.predictionId(), event.model(), event.modelVersion(), event.timestamp(),
                    Map.of(), event.prediction(), null, event.actual(), null, null));
        }
    }
}
