package io.modelwatch.monitoring.window;

import io.modelwatch.common.distribution.CategoricalAccumulator;
import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.aggregate.WindowAccumulatorTypeInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Everything a window report needs from the events of one model version in one window (or one
 * shard of it), mergeable and of bounded size: volume and errors, latencies, predicted classes
 * and one {@link FeatureAccumulator} per feature. Error events count toward volume, errors and
 * latency only. Merging partial accumulators gives what one accumulator over all events gives
 * (see the accumulators' own notes on sketches and category caps).
 */
@TypeInfo(WindowAccumulatorTypeInfo.Factory.class)
public final class WindowAccumulator {
    private static final int FORMAT_VERSION = 1;

    private long predictions;
    private long errors;
    private final NumericalAccumulator latency;
    private final CategoricalAccumulator predicted;
    private final TreeMap<String, FeatureAccumulator> features;

    private WindowAccumulator(NumericalAccumulator latency, CategoricalAccumulator predicted,
            TreeMap<String, FeatureAccumulator> features) {
        this.latency = latency;
        this.predicted = predicted;
        this.features = features;
    }

    public static WindowAccumulator empty(AccumulatorLimits limits) {
        return new WindowAccumulator(
                new NumericalAccumulator(limits.exactValues(), limits.sketchK(), null, null),
                new CategoricalAccumulator(limits.maxCategories(), null),
                new TreeMap<>());
    }

    /** Adds an event of the model whose reference is {@code reference}. */
    public void add(PredictionEvent event, ModelReference reference) {
        predictions++;
        if (event.latencyMs() != null) {
            latency.add(event.latencyMs());
        }
        if (event.isError()) {
            errors++;
            return;
        }
        predicted.add(event.prediction());
        for (Map.Entry<String, FeatureValue> feature : event.features().entrySet()) {
            features.computeIfAbsent(feature.getKey(), reference::newFeature).add(feature.getValue());
        }
    }

    public void merge(WindowAccumulator other) {
        predictions += other.predictions;
        errors += other.errors;
        latency.merge(other.latency);
        predicted.merge(other.predicted);
        other.features.forEach((name, feature) -> {
            FeatureAccumulator mine = features.get(name);
            if (mine == null) {
                features.put(name, feature.copy());
            } else {
                mine.merge(feature);
            }
        });
    }

    /** Every event, failed ones included. */
    public long predictions() {
        return predictions;
    }

    public long errors() {
        return errors;
    }

    public NumericalAccumulator latency() {
        return latency;
    }

    /** Predicted classes of the events that did not fail. */
    public CategoricalAccumulator predicted() {
        return predicted;
    }

    /** Feature name → values, sorted by name. */
    public Map<String, FeatureAccumulator> features() {
        return Collections.unmodifiableMap(features);
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(predictions);
        out.writeLong(errors);
        latency.writeTo(out);
        predicted.writeTo(out);
        out.writeInt(features.size());
        for (Map.Entry<String, FeatureAccumulator> feature : features.entrySet()) {
            out.writeUTF(feature.getKey());
            feature.getValue().writeTo(out);
        }
    }

    public static WindowAccumulator readFrom(DataInput in) throws IOException {
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown window accumulator format " + version);
        }
        long predictions = in.readLong();
        long errors = in.readLong();
        NumericalAccumulator latency = NumericalAccumulator.readFrom(in);
        CategoricalAccumulator predicted = CategoricalAccumulator.readFrom(in);
        int size = in.readInt();
        TreeMap<String, FeatureAccumulator> features = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            features.put(in.readUTF(), FeatureAccumulator.readFrom(in));
        }
        WindowAccumulator accumulator = new WindowAccumulator(latency, predicted, features);
        accumulator.predictions = predictions;
        accumulator.errors = errors;
        return accumulator;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTo(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static WindowAccumulator fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
