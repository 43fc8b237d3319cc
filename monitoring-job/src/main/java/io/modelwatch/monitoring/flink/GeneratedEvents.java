package io.modelwatch.monitoring.flink;

import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/** The generator's prediction {@code index}, as if read from partition 0 of a topic named {@value #SOURCE}. */
public final class GeneratedEvents implements GeneratorFunction<Long, IncomingEvent> {
    private static final long serialVersionUID = 1L;
    public static final String SOURCE = "generator";

    private final TrafficGenerator generator;

    public GeneratedEvents(TrafficGenerator generator) {
        this.generator = generator;
    }

    @Override
    public IncomingEvent map(Long index) {
        return IncomingEvent.accepted(SOURCE, 0, index, generator.event(index), null);
    }
}
