package io.modelwatch.common.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Counts every dead letter of a job where all of them meet before their sinks, under the one name
 * the alert rule watches: {@code flink_taskmanager_job_task_operator_modelwatch_dead_letters}.
 */
public final class CountedDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
    private static final long serialVersionUID = 1L;
    private transient Counter deadLetters;

    /** The job's dead letters, counted; give the sinks this stream. */
    public static DataStream<DeadLetter> of(DataStream<DeadLetter> deadLetters) {
        return deadLetters.map(new CountedDeadLetters()).uid("count-dead-letters").name("count dead letters");
    }

    @Override
    public void open(OpenContext context) {
        deadLetters = getRuntimeContext().getMetricGroup().addGroup("modelwatch").counter("dead_letters");
    }

    @Override
    public DeadLetter map(DeadLetter deadLetter) {
        deadLetters.inc();
        return deadLetter;
    }
}
