package io.modelwatch.monitoring.generator;

import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.json.EventCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Generated traffic as JSON-lines files: predictions in index order, labels in the order they arrive. */
public final class TrafficFiles {
    private static final EventCodec CODEC = new EventCodec();

    private TrafficFiles() {}

    private record PendingLabel(long index, LabelEvent label) {}

    /**
     * Writes predictions {@code 0 .. count-1} of {@code generator}, one JSON object a line, and
     * their labels sorted by label timestamp (ties by prediction index), as a labels topic would
     * carry them. Memory holds only the labels still in flight, about rate × mean delay of them.
     */
    public static void write(TrafficGenerator generator, Path predictions, Path labels, long count) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        PriorityQueue<PendingLabel> inFlight = new PriorityQueue<>(
                Comparator.comparing((PendingLabel pending) -> pending.label().timestamp())
                        .thenComparingLong(PendingLabel::index));
        try (OutputStream predictionOut = new BufferedOutputStream(Files.newOutputStream(predictions), 1 << 16);
                OutputStream labelOut = new BufferedOutputStream(Files.newOutputStream(labels), 1 << 16)) {
            for (long index = 0; index < count; index++) {
                TrafficGenerator.Served served = generator.serve(index);
                writeLine(predictionOut, CODEC.write(served.prediction()));
                // Prediction times strictly increase and labels never precede their prediction,
                // so no label still to come can be earlier than this prediction.
                while (!inFlight.isEmpty()
                        && !inFlight.peek().label().timestamp().isAfter(served.prediction().timestamp())) {
                    writeLine(labelOut, CODEC.write(inFlight.poll().label()));
                }
                if (served.label() != null) {
                    inFlight.add(new PendingLabel(index, served.label()));
                }
            }
            while (!inFlight.isEmpty()) {
                writeLine(labelOut, CODEC.write(inFlight.poll().label()));
            }
        }
    }

    private static void writeLine(OutputStream out, byte[] json) throws IOException {
        out.write(json);
        out.write('\n');
    }
}
