package io.modelwatch.monitoring.flink;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The profile updates among the admitted observations, as notes for the merge step. They leave
 * the admitting step with the events, so they carry the events' event time: a stream of profiles
 * alone has none, and would hold the merge step's event time back.
 */
public final class ProfileNotes implements FlatMapFunction<Observation, ReportNote> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Observation observation, Collector<ReportNote> out) {
        if (observation.isProfile()) {
            out.collect(ReportNote.of(observation.profile()));
        }
    }
}
