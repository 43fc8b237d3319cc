package io.modelwatch.monitoring.window;

import io.modelwatch.common.distribution.CategoricalAccumulator;
import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.event.FeatureValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The values of one feature in one window. A feature the reference profile types is accumulated
 * as that type. A feature without a reference is numerical while every non-missing value of the
 * window is a number (docs/ARCHITECTURE.md section 2); so that it can still turn categorical when a text value
 * appears on any shard, it also counts every value by its JSON text.
 */
public final class FeatureAccumulator {
    private enum Kind { NUMERICAL, CATEGORICAL, INFERRED }

    private final Kind kind;
    private final NumericalAccumulator numbers;
    private final CategoricalAccumulator categories;
    private long textValues;

    private FeatureAccumulator(Kind kind, NumericalAccumulator numbers, CategoricalAccumulator categories) {
        this.kind = kind;
        this.numbers = numbers;
        this.categories = categories;
    }

    static FeatureAccumulator numerical(NumericalAccumulator numbers) {
        return new FeatureAccumulator(Kind.NUMERICAL, numbers, null);
    }

    static FeatureAccumulator categorical(CategoricalAccumulator categories) {
        return new FeatureAccumulator(Kind.CATEGORICAL, null, categories);
    }

    static FeatureAccumulator inferred(NumericalAccumulator numbers, CategoricalAccumulator categories) {
        return new FeatureAccumulator(Kind.INFERRED, numbers, categories);
    }

    /** Adds a value; a text value for a feature the reference types numerical must have been rejected before. */
    public void add(FeatureValue value) {
        if (value.isMissing()) {
            if (numbers != null) {
                numbers.addMissing();
            }
            if (categories != null) {
                categories.addMissing();
            }
            return;
        }
        switch (kind) {
            case NUMERICAL -> {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("text value '" + value.text() + "' for a numerical feature");
                }
                numbers.add(value.number());
            }
            case CATEGORICAL -> categories.add(value.text());
            case INFERRED -> {
                categories.add(value.text());
                if (value.isNumber()) {
                    numbers.add(value.number());
                } else {
                    textValues++;
                }
            }
        }
    }

    public void merge(FeatureAccumulator other) {
        if (kind != other.kind) {
            throw new IllegalArgumentException("cannot merge a " + kind + " feature with a " + other.kind + " one");
        }
        if (numbers != null) {
            numbers.merge(other.numbers);
        }
        if (categories != null) {
            categories.merge(other.categories);
        }
        textValues += other.textValues;
    }

    /** Whether the feature is reported as numerical. */
    public boolean isNumerical() {
        return kind == Kind.NUMERICAL || (kind == Kind.INFERRED && textValues == 0);
    }

    /** Whether the reference profile decided the type (and so has the feature). */
    public boolean hasReference() {
        return kind != Kind.INFERRED;
    }

    /** The numbers; null for a categorical feature. */
    public NumericalAccumulator numbers() {
        return numbers;
    }

    /** The values as categories; null for a feature the reference types numerical. */
    public CategoricalAccumulator categories() {
        return categories;
    }

    /** Values seen, missing ones included; the categories see every value of an inferred feature. */
    public long count() {
        return categories != null ? categories.count() : numbers.count();
    }

    public long missing() {
        return categories != null ? categories.missing() : numbers.missing();
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(kind.ordinal());
        if (numbers != null) {
            numbers.writeTo(out);
        }
        if (categories != null) {
            categories.writeTo(out);
        }
        out.writeLong(textValues);
    }

    public static FeatureAccumulator readFrom(DataInput in) throws IOException {
        Kind kind = Kind.values()[in.readByte()];
        NumericalAccumulator numbers = kind == Kind.CATEGORICAL ? null : NumericalAccumulator.readFrom(in);
        CategoricalAccumulator categories = kind == Kind.NUMERICAL ? null : CategoricalAccumulator.readFrom(in);
        FeatureAccumulator feature = new FeatureAccumulator(kind, numbers, categories);
        feature.textValues = in.readLong();
        return feature;
    }

    /** A deep copy: merging into a window that lacks this feature must not share its state. */
    FeatureAccumulator copy() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            writeTo(new DataOutputStream(bytes));
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
