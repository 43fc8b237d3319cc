package io.modelwatch.monitoring.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.monitoring.window.WindowAccumulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The serializer's snapshot says, before Flink reads any state, whether this build reads the
 * window accumulators a snapshot describes as they are, after rewriting them, or not at all; and
 * it reads the snapshots of release 43e83d7, which did not say which format they wrote.
 */
class WindowAccumulatorSerializerTest {
    private static final String SNAPSHOT_CLASS = "io.modelwatch.monitoring.aggregate.WindowAccumulatorSerializer$Snapshot";

    /** What this build's snapshot makes of one a savepoint holds. */
    private static TypeSerializerSchemaCompatibility<WindowAccumulator> resolve(TypeSerializerSnapshot<WindowAccumulator> written) {
        return WindowAccumulatorSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(written);
    }

    /** A snapshot as a savepoint holds it: class name, version, content. */
    private static TypeSerializerSnapshot<WindowAccumulator> read(byte[] bytes) throws IOException {
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(bytes),
                WindowAccumulatorSerializerTest.class.getClassLoader());
    }

    private static byte[] written(int snapshotVersion, Integer format) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(SNAPSHOT_CLASS);
        out.writeInt(snapshotVersion);
        if (format != null) {
            out.writeInt(format);
        }
        return out.getCopyOfBuffer();
    }

    @Test
    void theSnapshotKeepsTheNameSavepointsHold() {
        assertThat(WindowAccumulatorSerializer.INSTANCE.snapshotConfiguration().getClass().getName()).isEqualTo(SNAPSHOT_CLASS);
    }

    @Test
    void aSnapshotOfThisBuildRecordsFormat3AndIsCompatibleAsIs() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, WindowAccumulatorSerializer.INSTANCE.snapshotConfiguration());

        assertThat(out.getCopyOfBuffer()).isEqualTo(written(4, 3));
        assertThat(resolve(read(written(4, 3))).isCompatibleAsIs()).isTrue();
    }

    @Test
    void theSnapshotOfRelease43e83d7IsCompatibleAfterMigration() throws IOException {
        // Flink's SimpleTypeSerializerSnapshot, version 3, no content: its accumulators are format 1 or 2.
        TypeSerializerSnapshot<WindowAccumulator> release = read(written(3, null));

        assertThat(release).hasToString("WindowAccumulatorSerializer.Snapshot(format 1 or 2)");
        assertThat(resolve(release).isCompatibleAfterMigration()).isTrue();
        assertThat(release.restoreSerializer()).isSameAs(WindowAccumulatorSerializer.INSTANCE);
    }

    @Test
    void anOlderFormatThisBuildReadsIsCompatibleAfterMigration() throws IOException {
        assertThat(resolve(read(written(4, 1))).isCompatibleAfterMigration()).isTrue();
        assertThat(resolve(read(written(4, 2))).isCompatibleAfterMigration()).isTrue();
    }

    @Test
    void aLaterFormatOrOneTooOldIsIncompatibleBeforeAnyStateIsRead() throws IOException {
        assertThat(resolve(read(written(4, 4))).isIncompatible()).isTrue();
        assertThat(resolve(read(written(4, 0))).isIncompatible()).isTrue();
    }

    @Test
    void anotherSerializersSnapshotIsIncompatible() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<WindowAccumulator> strings = (TypeSerializerSnapshot) StringSerializer.INSTANCE.snapshotConfiguration();
        assertThat(resolve(strings).isIncompatible()).isTrue();
    }

    @Test
    void aSnapshotVersionOfALaterBuildIsRefusedByNumber() {
        assertThatThrownBy(() -> read(written(5, 3))).hasMessageContaining(
                "window accumulator serializer snapshot version 5 is not one this build reads (3 or 4)");
    }

    @Test
    void theSerializerReadsEveryFormatFixtureAndWritesTheCurrentOne() throws IOException {
        for (int version = WindowAccumulator.OLDEST_FORMAT_VERSION; version <= WindowAccumulator.FORMAT_VERSION; version++) {
            byte[] fixture = Files.readAllBytes(Path.of("src/test/resources/state/window-accumulator-v" + version + ".bin"));
            WindowAccumulator accumulator = WindowAccumulatorSerializer.INSTANCE.deserialize(new DataInputDeserializer(fixture));
            DataOutputSerializer out = new DataOutputSerializer(256);
            WindowAccumulatorSerializer.INSTANCE.serialize(accumulator, out);

            assertThat(accumulator.predictions()).isEqualTo(4);
            assertThat(out.getCopyOfBuffer()[0]).isEqualTo((byte) WindowAccumulator.FORMAT_VERSION);
        }
    }
}
