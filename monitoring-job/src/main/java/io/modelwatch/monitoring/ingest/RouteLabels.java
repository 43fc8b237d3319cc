package io.modelwatch.monitoring.ingest;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.LabelEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes valid labels on and sends rejected label records to the dead-letter output, counting both. */
public final class RouteLabels extends ProcessFunction<IncomingLabel, LabelEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("label-dead-letters") {};

    private transient Counter accepted;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext context) {
        accepted = getRuntimeContext().getMetricGroup().counter("acceptedLabels");
        deadLetters = getRuntimeContext().getMetricGroup().counter("labelDeadLetters");
    }

    @Override
    public void processElement(IncomingLabel record, Context context, Collector<LabelEvent> out) {
        if (record.isAccepted()) {
            accepted.inc();
            out.collect(record.label());
        } else {
            deadLetters.inc();
            context.output(DEAD_LETTERS, record.deadLetter());
        }
    }
}
