package io.modelwatch.monitoring.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every format of the window accumulator a release has written reads back in this build, from
 * byte fixtures written once per format ({@link WindowAccumulatorFixtures}), and this build still
 * reads format 2 as release 43e83d7 wrote it and writes format 3. When the format must change: add a version,
 * read the old ones next to it, write a fixture of the new one, and keep every old fixture as it is.
 */
class WindowAccumulatorFormatTest {

    private static byte[] fixture(int version) throws IOException {
        return Files.readAllBytes(WindowAccumulatorFixtures.DIRECTORY.resolve("window-accumulator-v" + version + ".bin"));
    }

    private static WindowAccumulator read(byte[] bytes) throws IOException {
        return WindowAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void thisBuildWritesFormat3WithTheReferenceItsEventsWereAccumulatedFor() throws IOException {
        assertThat(WindowAccumulator.FORMAT_VERSION).isEqualTo(3);
        assertThat(WindowAccumulatorFixtures.sample(true).toBytes()).isEqualTo(fixture(3));
        WindowAccumulator accumulator = read(fixture(3));
        assertSampleEvents(accumulator);
        assertThat(accumulator.referenceId()).isEqualTo(ModelReference.NONE);
    }

    @Test
    void format2IsFormat3WithoutTheReference() throws IOException {
        byte[] format2 = fixture(2);
        byte[] format3 = fixture(3);
        // format 3 = format 2's fields, then "a reference follows" (true) and its id in modified UTF-8 ("": none)
        assertThat(format3).hasSize(format2.length + 3);
        assertThat(Arrays.copyOfRange(format3, 1, format2.length)).isEqualTo(Arrays.copyOfRange(format2, 1, format2.length));
        assertThat(Arrays.copyOfRange(format3, format2.length, format3.length)).containsExactly(1, 0, 0);
    }

    @Test
    void theFeaturesLatencyAndClassAccumulatorsStillWriteWhatFormat1Held() throws IOException {
        assertThat(WindowAccumulatorFixtures.format1(WindowAccumulatorFixtures.sample(false))).isEqualTo(fixture(1));
    }

    @Test
    void format2ReadsBackWithItsOutcomesAndEstimate() throws IOException {
        WindowAccumulator accumulator = read(fixture(2));

        assertSampleEvents(accumulator);
        assertThat(accumulator.estimatedAccuracy().scored()).isEqualTo(3);
        assertThat(accumulator.estimatedAccuracy().value()).isCloseTo(0.7, within(1e-12));
        assertThat(accumulator.performance().labeled()).isEqualTo(2);
        assertThat(accumulator.performance().toReport(accumulator.predictions(), false, accumulator.estimatedAccuracy())
                .accuracy()).isEqualTo(0.5);
        assertThat(accumulator.referenceId()).as("builds of format 2 did not record it").isNull();
        byte[] again = accumulator.toBytes();
        assertThat(again[0]).isEqualTo((byte) 3);
        assertThat(again[again.length - 1]).as("no reference recorded").isEqualTo((byte) 0);
    }

    @Test
    void format1ReadsBackWithoutOutcomesOrEstimateAndIsWrittenAgainAsFormat3() throws IOException {
        WindowAccumulator accumulator = read(fixture(1));

        assertSampleEvents(accumulator);
        assertThat(accumulator.estimatedAccuracy().scored()).isZero();
        assertThat(accumulator.performance().labeled()).isZero();
        byte[] again = accumulator.toBytes();
        assertThat(again[0]).isEqualTo((byte) 3);
        assertSampleEvents(read(again));
    }

    @Test
    void aWindowRestoredInFormat1MergesWithOneOfThisBuild() throws IOException {
        WindowAccumulator restored = read(fixture(1));
        restored.merge(read(fixture(2)));

        assertThat(restored.predictions()).isEqualTo(8);
        assertThat(restored.features().get("income").count()).isEqualTo(6);
        assertThat(restored.performance().labeled()).isEqualTo(2);
        assertThat(restored.estimatedAccuracy().scored()).isEqualTo(3);
    }

    @Test
    void aFormatThisBuildDoesNotKnowIsRefusedByNumber() {
        byte[] later = fixture2WithVersion(4);

        assertThatThrownBy(() -> read(later)).isInstanceOf(IOException.class)
                .hasMessage("window accumulator format 4 is not one this build reads (1 to 3)");
    }

    private static byte[] fixture2WithVersion(int version) {
        try {
            byte[] bytes = fixture(2);
            bytes[0] = (byte) version;
            return bytes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The four events of {@link WindowAccumulatorFixtures#sample}. */
    private static void assertSampleEvents(WindowAccumulator accumulator) {
        assertThat(accumulator.predictions()).isEqualTo(4);
        assertThat(accumulator.errors()).isEqualTo(1);
        assertThat(accumulator.latency().count()).isEqualTo(4);
        assertThat(accumulator.latency().moments().max()).isEqualTo(1000.0);
        assertThat(accumulator.predicted().counts()).isEqualTo(Map.of("1", 2L, "0", 1L));
        assertThat(accumulator.features()).containsOnlyKeys("income", "region");
        assertThat(accumulator.features().get("income").count()).isEqualTo(3);
        assertThat(accumulator.features().get("income").missing()).isEqualTo(1);
        assertThat(accumulator.features().get("region").categories().counts()).isEqualTo(Map.of("north", 2L, "south", 1L));
    }
}
