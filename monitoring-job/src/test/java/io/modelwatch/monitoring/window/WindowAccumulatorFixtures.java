package io.modelwatch.monitoring.window;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the byte fixtures of the window accumulator's formats, {@code src/test/resources/state/window-accumulator-v1.bin}
 * {@code -v2.bin} and {@code -v3.bin}: one sample window as format 1 (the layout of the builds before
 * labels, up to commit 24f9ca1, written here field by field with the accumulators of the features,
 * latency and classes, whose formats have not changed since), as format 2 (as release 43e83d7 wrote
 * it) and as format 3 (what {@link WindowAccumulator#writeTo} writes since profiles can change while
 * the job runs). {@code WindowAccumulatorFormatTest} reads them. Each file is byte for byte what the
 * code of its time writes for this sample: format 1 as merge 49d61f0's {@code WindowAccumulator.toBytes()},
 * format 2 as 43e83d7's, format 3 as this build's.
 *
 * <p>Runs only when asked, from the repository's root:
 * {@code ./mvnw -o -q -pl monitoring-job -am test -Dtest=WindowAccumulatorFixtures -Dsurefire.failIfNoSpecifiedTests=false -Dfixtures.write=true}.
 * Write a fixture once, for a format a release wrote, and never again: a changed fixture hides
 * a change of format that savepoints of that release would not survive.
 */
@EnabledIfSystemProperty(named = "fixtures.write", matches = "true")
class WindowAccumulatorFixtures {
    static final Path DIRECTORY = Path.of("src/test/resources/state");
    private static final Instant T = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void write() throws IOException {
        Files.createDirectories(DIRECTORY);
        writeOnce("window-accumulator-v1.bin", format1(sample(false)));
        writeOnce("window-accumulator-v3.bin", sample(true).toBytes());
    }

    private static void writeOnce(String name, byte[] bytes) throws IOException {
        Path file = DIRECTORY.resolve(name);
        if (!Files.exists(file)) {
            Files.write(file, bytes);
        }
    }

    /**
     * Four events of one model version, one of them failed, with a numerical and a categorical
     * feature (one value missing) and probabilities; with {@code outcomes}, two labeled outcomes.
     */
    static WindowAccumulator sample(boolean outcomes) {
        AccumulatorLimits limits = AccumulatorLimits.defaults();
        ModelReference reference = ModelReference.none(limits);
        WindowAccumulator accumulator = WindowAccumulator.empty(limits);
        accumulator.add(event("p1", 1, FeatureValue.ofNumber(1200.5), "north", "1", 0.8, 12.5, null), reference);
        accumulator.add(event("p2", 2, FeatureValue.ofNumber(800.0), "south", "0", 0.3, 30.0, null), reference);
        accumulator.add(event("p3", 3, FeatureValue.MISSING, "north", "1", 0.6, 8.0, null), reference);
        accumulator.add(event("p4", 4, null, null, null, null, 1000.0, "timeout"), reference);
        if (outcomes) {
            accumulator.add(new LabeledOutcome("p1", "m", "v1", "1", "1", T.plusSeconds(1), T.plusSeconds(20)));
            accumulator.add(new LabeledOutcome("p0", "m", "v1", "0", "1", T.minusSeconds(90), T.plusSeconds(25)));
        }
        return accumulator;
    }

    private static PredictionEvent event(String id, int second, FeatureValue income, String region, String prediction,
            Double probabilityOf1, double latencyMs, String error) {
        Map<String, FeatureValue> features = new LinkedHashMap<>();
        if (error == null) {
            features.put("income", income);
            features.put("region", FeatureValue.ofText(region));
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        if (probabilityOf1 != null) {
            probabilities.put("0", 1 - probabilityOf1);
            probabilities.put("1", probabilityOf1);
        }
        return new PredictionEvent(id, "m", "v1", T.plusSeconds(second), features, prediction,
                probabilityOf1 == null ? null : probabilities, null, latencyMs, error);
    }

    /** Format 1: version byte, predictions, errors, latency, predicted classes, features by name. */
    static byte[] format1(WindowAccumulator accumulator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeLong(accumulator.predictions());
        out.writeLong(accumulator.errors());
        accumulator.latency().writeTo(out);
        accumulator.predicted().writeTo(out);
        out.writeInt(accumulator.features().size());
        for (Map.Entry<String, FeatureAccumulator> feature : accumulator.features().entrySet()) {
            out.writeUTF(feature.getKey());
            feature.getValue().writeTo(out);
        }
        return bytes.toByteArray();
    }
}
