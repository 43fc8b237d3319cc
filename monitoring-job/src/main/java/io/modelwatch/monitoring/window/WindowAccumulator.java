package io.modelwatch.monitoring.window;

import io.modelwatch.common.distribution.CategoricalAccumulator;
import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.groundtruth.EstimatedAccuracy;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.groundtruth.PerformanceAccumulator;
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

/**
 * Everything a window report needs from the events of one model version in one window (or one
 * shard of it), mergeable and of bounded size: volume and errors, latencies, predicted classes,
 * one {@link FeatureAccumulator} per feature, the accuracy estimated from the events'
 * probabilities, and the labeled outcomes whose label became known in the window. Error events
 * count toward volume, errors and latency only. Merging partial accumulators gives what one accumulator over all events gives
 * (see the accumulators' own notes on sketches and category caps).
 */
public final class WindowAccumulator {
    /**
     * The binary format {@link #writeTo} writes. 1 (before labels): volume, errors, latency,
     * predicted classes and features; 2 adds the estimated accuracy and the labeled outcomes; 3 the
     * reference profile the features were accumulated for. A
     * change of the format takes a new version, read next to the old ones, and a fixture of it
     * (see {@code WindowAccumulatorFormatTest}).
     */
    public static final int FORMAT_VERSION = 3;
    /** The oldest format {@link #readFrom} reads: every format a release has written. */
    public static final int OLDEST_FORMAT_VERSION = 1;

    private long predictions;
    private long errors;
    private final NumericalAccumulator latency;
    private final CategoricalAccumulator predicted;
    private final TreeMap<String, FeatureAccumulator> features;
    private final EstimatedAccuracy estimatedAccuracy;
    private final PerformanceAccumulator performance;
    /**
     * The {@link ModelReference#id()} the features were accumulated for; null until the first event
     * (and in formats before 3, whose builds knew only the profiles they started with), or
     * {@link #MIXED_REFERENCES}.
     */
    private String referenceId;

    /**
     * The reference of partials that were accumulated for different profiles: a profile arrived
     * at some parallel instances after they had seen the first events of a window it applies to.
     * Their features cannot be merged (their bins and categories differ), so the window reports none.
     */
    public static final String MIXED_REFERENCES = "mixed";

    private WindowAccumulator(NumericalAccumulator latency, CategoricalAccumulator predicted,
            TreeMap<String, FeatureAccumulator> features, EstimatedAccuracy estimatedAccuracy,
            PerformanceAccumulator performance) {
        this.latency = latency;
        this.predicted = predicted;
        this.features = features;
        this.estimatedAccuracy = estimatedAccuracy;
        this.performance = performance;
    }

    public static WindowAccumulator empty(AccumulatorLimits limits) {
        return new WindowAccumulator(
                new NumericalAccumulator(limits.exactValues(), limits.sketchK(), null, null),
                new CategoricalAccumulator(limits.maxCategories(), null),
                new TreeMap<>(), new EstimatedAccuracy(), new PerformanceAccumulator());
    }

    /** Adds an event of the model whose reference is {@code reference}. */
    public void add(PredictionEvent event, ModelReference reference) {
        if (referenceId == null) {
            referenceId = reference.id();
        } else if (!referenceId.equals(reference.id())) {
            throw new IllegalArgumentException("an event for reference " + reference.id() + " added to a window of "
                    + referenceId);
        }
        predictions++;
        if (event.latencyMs() != null) {
            latency.add(event.latencyMs());
        }
        if (event.isError()) {
            errors++;
            return;
        }
        predicted.add(event.prediction());
        estimatedAccuracy.add(event);
        for (Map.Entry<String, FeatureValue> feature : event.features().entrySet()) {
            features.computeIfAbsent(feature.getKey(), reference::newFeature).add(feature.getValue());
        }
    }

    /** Adds an outcome whose label became known in this window. */
    public void add(LabeledOutcome outcome) {
        performance.add(outcome);
    }

    public void merge(WindowAccumulator other) {
        estimatedAccuracy.merge(other.estimatedAccuracy);
        performance.merge(other.performance);
        predictions += other.predictions;
        errors += other.errors;
        latency.merge(other.latency);
        predicted.merge(other.predicted);
        if (referenceId == null) {
            referenceId = other.referenceId;
        } else if (other.referenceId != null && !referenceId.equals(other.referenceId)) {
            referenceId = MIXED_REFERENCES;
        }
        if (MIXED_REFERENCES.equals(referenceId)) {
            features.clear();
            return;
        }
        other.features.forEach((name, feature) -> {
            FeatureAccumulator mine = features.get(name);
            if (mine == null) {
                features.put(name, feature.copy());
            } else {
                mine.merge(feature);
            }
        });
    }

    /** The id of the reference the features were accumulated for, {@link #MIXED_REFERENCES}, or null before any event. */
    public String referenceId() {
        return referenceId;
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

    /** Estimated from the probabilities of the window's predictions, labeled or not. */
    public EstimatedAccuracy estimatedAccuracy() {
        return estimatedAccuracy;
    }

    /** The outcomes whose label became known in the window, whenever their prediction was made. */
    public PerformanceAccumulator performance() {
        return performance;
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
        estimatedAccuracy.writeTo(out);
        performance.writeTo(out);
        out.writeBoolean(referenceId != null);
        if (referenceId != null) {
            out.writeUTF(referenceId);
        }
    }

    /**
     * Reads an accumulator in any format from {@link #OLDEST_FORMAT_VERSION} to {@link #FORMAT_VERSION}.
     * One in format 1 has no outcomes and no estimate: builds that wrote it had no labels, and its
     * window's estimated accuracy covers only the predictions added after it was read.
     */
    public static WindowAccumulator readFrom(DataInput in) throws IOException {
        int version = in.readByte();
        if (version < OLDEST_FORMAT_VERSION || version > FORMAT_VERSION) {
            throw new IOException("window accumulator format " + version + " is not one this build reads ("
                    + OLDEST_FORMAT_VERSION + " to " + FORMAT_VERSION + ")");
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
        WindowAccumulator accumulator = version == 1
                ? new WindowAccumulator(latency, predicted, features, new EstimatedAccuracy(), new PerformanceAccumulator())
                : new WindowAccumulator(latency, predicted, features, EstimatedAccuracy.readFrom(in),
                        PerformanceAccumulator.readFrom(in));
        accumulator.predictions = predictions;
        accumulator.errors = errors;
        if (version >= 3 && in.readBoolean()) {
            accumulator.referenceId = in.readUTF();
        }
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
