package io.modelwatch.cli.demo;

import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.ingest.IncomingLabel;
import java.util.Optional;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The labels of the demo's traffic, in the order of their predictions. Failed requests and lost
 * labels have none, so the n-th label is not the n-th prediction's: a cursor walks the
 * predictions. That makes this function stateful, which is fine for the demo's single,
 * uncheckpointed source and nowhere else.
 */
final class GeneratedLabels implements GeneratorFunction<Long, IncomingLabel> {
    static final String SOURCE = "generator-labels";

    private final TrafficGenerator generator;
    private long nextPrediction;

    GeneratedLabels(TrafficGenerator generator) {
        this.generator = generator;
    }

    @Override
    public IncomingLabel map(Long ignoredSequenceNumber) {
        Optional<LabelEvent> label = Optional.empty();
        while (label.isEmpty()) {
            label = generator.label(nextPrediction++);
        }
        return IncomingLabel.accepted(SOURCE, 0, nextPrediction - 1, label.get(), null);
    }

    /** How many of the first {@code predictions} predictions get a label. */
    static long labelsAmong(TrafficGenerator generator, long predictions) {
        long labels = 0;
        for (long i = 0; i < predictions; i++) {
            labels += generator.label(i).isPresent() ? 1 : 0;
        }
        return labels;
    }
}
