package io.modelwatch.monitoring.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.common.json.InvalidEventException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficFilesTest {
    private static final int COUNT = 3_000;
    // Label delays (mean 20 s) far longer than the gap between predictions (10 ms), so labels
    // arrive thoroughly out of prediction order and the file has to reorder them.
    private static final TrafficGenerator GENERATOR = new TrafficGenerator(GeneratorConfig.DEFAULTS
            .withEventsPerSecond(100).withLabelDelayMean(Duration.ofSeconds(20)));

    private final EventCodec codec = new EventCodec();

    @TempDir
    Path dir;

    @Test
    void predictionsAreWrittenOneJsonObjectALineInIndexOrder() throws Exception {
        Path predictions = dir.resolve("predictions.jsonl");
        TrafficFiles.write(GENERATOR, predictions, dir.resolve("labels.jsonl"), COUNT);

        List<PredictionEvent> read = new ArrayList<>();
        for (String line : Files.readAllLines(predictions, StandardCharsets.UTF_8)) {
            read.add(codec.parsePrediction(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(read).containsExactlyElementsOf(LongStream.range(0, COUNT).mapToObj(GENERATOR::event).toList());
    }

    @Test
    void everyLabelIsWrittenOnceInTheOrderItArrives() throws Exception {
        Path labels = dir.resolve("labels.jsonl");
        TrafficFiles.write(GENERATOR, dir.resolve("predictions.jsonl"), labels, COUNT);

        List<LabelEvent> read = readLabels(labels);
        List<LabelEvent> generated = LongStream.range(0, COUNT).mapToObj(GENERATOR::label).flatMap(Optional::stream).toList();
        assertThat(read).containsExactlyInAnyOrderElementsOf(generated);
        assertThat(read).isSortedAccordingTo(Comparator.comparing(LabelEvent::timestamp));
        assertThat(read).isNotEqualTo(generated);
    }

    @Test
    void noEventsGiveTwoEmptyFiles() throws IOException {
        Path predictions = dir.resolve("predictions.jsonl");
        Path labels = dir.resolve("labels.jsonl");
        TrafficFiles.write(GENERATOR, predictions, labels, 0);

        assertThat(predictions).isEmptyFile();
        assertThat(labels).isEmptyFile();
    }

    private List<LabelEvent> readLabels(Path file) throws IOException, InvalidEventException {
        List<LabelEvent> labels = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            labels.add(codec.parseLabel(line.getBytes(StandardCharsets.UTF_8)));
        }
        return labels;
    }
}
