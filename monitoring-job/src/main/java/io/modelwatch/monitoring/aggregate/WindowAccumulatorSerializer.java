package io.modelwatch.monitoring.aggregate;

import io.modelwatch.monitoring.window.WindowAccumulator;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink state and network serialization of {@link WindowAccumulator} through its own versioned
 * binary format, so Kryo never sees it and checkpoints restore it after an upgrade. Its snapshot
 * records which format it writes, so that Flink's compatibility check, before any state is read,
 * decides whether a savepoint's accumulators can be read as they are, must be rewritten, or cannot
 * be read by this build at all.
 *
 * <p>This class and its {@link Snapshot} keep the names release 43e83d7 gave them: savepoints name
 * the snapshot class (see the package documentation).
 */
public final class WindowAccumulatorSerializer extends TypeSerializerSingleton<WindowAccumulator> {
    private static final long serialVersionUID = 1L;
    public static final WindowAccumulatorSerializer INSTANCE = new WindowAccumulatorSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public WindowAccumulator createInstance() {
        return null;
    }

    @Override
    public WindowAccumulator copy(WindowAccumulator from) {
        return WindowAccumulator.fromBytes(from.toBytes());
    }

    @Override
    public WindowAccumulator copy(WindowAccumulator from, WindowAccumulator reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(WindowAccumulator accumulator, DataOutputView target) throws IOException {
        accumulator.writeTo(target);
    }

    @Override
    public WindowAccumulator deserialize(DataInputView source) throws IOException {
        return WindowAccumulator.readFrom(source);
    }

    @Override
    public WindowAccumulator deserialize(WindowAccumulator reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<WindowAccumulator> snapshotConfiguration() {
        return new Snapshot(WindowAccumulator.FORMAT_VERSION);
    }

    /**
     * The accumulator format the serializer wrote, which decides how a build reads its state:
     * <ul>
     *   <li>the format this build writes: compatible as is;
     *   <li>an older format this build reads, or a snapshot of release 43e83d7 or earlier (which
     *       did not record the format; their accumulators are in format 1 or 2, each saying which):
     *       compatible after migration, so Flink reads every accumulator with the serializer that
     *       reads them all and writes it again in the current format;
     *   <li>a newer format, from a later build (a downgrade), or one older than this build reads:
     *       incompatible, and the job fails before it reads any state, rather than at the first
     *       accumulator it cannot read.
     * </ul>
     *
     * <p>Snapshot versions: 1 to 3 are those of Flink's {@code SimpleTypeSerializerSnapshot}, which
     * this class extended until release 43e83d7 (it wrote 3, with no content); 4 adds the format.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<WindowAccumulator> {
        private static final int SIMPLE_SNAPSHOT_VERSION = 3;
        private static final int VERSION = 4;
        /** A snapshot that did not record the format: each accumulator says whether it is format 1 or 2. */
        static final int FORMAT_1_OR_2 = -1;

        private int format;

        /** For Flink, which reads the format with {@link #readSnapshot}. */
        public Snapshot() {
            this(FORMAT_1_OR_2);
        }

        Snapshot(int format) {
            this.format = format;
        }

        /** The accumulator format the serializer wrote, or {@link #FORMAT_1_OR_2}. */
        int format() {
            return format;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(format);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
            if (readVersion == VERSION) {
                format = in.readInt();
            } else if (readVersion == SIMPLE_SNAPSHOT_VERSION) {
                format = FORMAT_1_OR_2;
            } else {
                throw new IOException("window accumulator serializer snapshot version " + readVersion
                        + " is not one this build reads (" + SIMPLE_SNAPSHOT_VERSION + " or " + VERSION
                        + "): was the state written by a later build?");
            }
        }

        /** The serializer that reads the state this snapshot describes: this build's reads every released format. */
        @Override
        public TypeSerializer<WindowAccumulator> restoreSerializer() {
            return INSTANCE;
        }

        /** Called on the snapshot of this build's serializer with the snapshot the state was written with. */
        @Override
        public TypeSerializerSchemaCompatibility<WindowAccumulator> resolveSchemaCompatibility(
                TypeSerializerSnapshot<WindowAccumulator> written) {
            if (!(written instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            if (old.format == format) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            if (old.format == FORMAT_1_OR_2
                    || (old.format >= WindowAccumulator.OLDEST_FORMAT_VERSION && old.format < format)) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }

        @Override
        public String toString() {
            return "WindowAccumulatorSerializer.Snapshot(format " + (format == FORMAT_1_OR_2 ? "1 or 2" : format) + ")";
        }
    }
}
