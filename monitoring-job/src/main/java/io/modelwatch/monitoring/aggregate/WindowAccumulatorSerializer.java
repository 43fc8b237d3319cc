package io.modelwatch.monitoring.aggregate;

import io.modelwatch.monitoring.window.WindowAccumulator;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink state and network serialization of {@link WindowAccumulator} through its own versioned
 * binary format, so Kryo never sees it and checkpoints restore it after an upgrade.
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
        return new Snapshot();
    }

    /** The accumulator's format carries its own version; the serializer itself has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowAccumulator> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
