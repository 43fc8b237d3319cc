package io.modelwatch.common.distribution;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values of one categorical feature in one window (or one reference dataset), mergeable and
 * of bounded size. Categories the reference knows are always counted exactly; up to
 * {@code maxCategories} other categories are counted exactly too, and any further ones are
 * pooled as {@value #OTHER}. Which unseen categories get pooled depends on arrival order,
 * so past the cap a merged result may split the unseen ones differently than one place would;
 * totals and the unseen share are always exact.
 */
public final class CategoricalAccumulator {
    public static final String OTHER = "__other__";
    public static final int DEFAULT_MAX_CATEGORIES = 100;
    private static final int FORMAT_VERSION = 1;

    private final int maxCategories;
    private final Set<String> referenceCategories;
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private int heldUnseenCategories;
    private long missing;
    private long unseen;

    /** @param referenceCategories categories of the reference, or null without a reference */
    public CategoricalAccumulator(int maxCategories, Set<String> referenceCategories) {
        if (maxCategories < 1) {
            throw new IllegalArgumentException("category cap must be at least 1, got " + maxCategories);
        }
        this.maxCategories = maxCategories;
        this.referenceCategories = referenceCategories == null ? null : Set.copyOf(referenceCategories);
    }


    /** Adds a value; null is missing. */
    public void add(String category) {
        if (category == null) {
            missing++;
        } else {
            add(category, 1);
        }
    }

    public void addMissing() {
        missing++;
    }

    private void add(String category, long count) {
        boolean known = isReferenceCategory(category);
        if (referenceCategories != null && !known) {
            unseen += count;
        }
        String key = category;
        if (!known && !counts.containsKey(category)) {
            if (heldUnseenCategories < maxCategories && !OTHER.equals(category)) {
                heldUnseenCategories++;
            } else {
                key = OTHER;
            }
        }
        counts.merge(key, count, Long::sum);
    }

    private boolean isReferenceCategory(String category) {
        return referenceCategories != null && referenceCategories.contains(category);
    }

    /** Adds everything {@code other} has seen; both must have been made for the same reference. */
    public void merge(CategoricalAccumulator other) {
        if (maxCategories != other.maxCategories || !Objects.equals(referenceCategories, other.referenceCategories)) {
            throw new IllegalArgumentException("cannot merge accumulators built for different references");
        }
        missing += other.missing;
        long unseenBefore = unseen;
        other.counts.forEach(this::add);
        // add() counted the other side's unseen categories again; its own tally is the exact one.
        unseen = unseenBefore + other.unseen;
    }

    /** Values seen, missing ones included. */
    public long count() {
        return nonMissing() + missing;
    }

    public long missing() {
        return missing;
    }

    public long nonMissing() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Category → count, sorted by category; {@value #OTHER} holds the pooled ones. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** Values whose category the reference never saw; 0 without a reference. */
    public long unseen() {
        return unseen;
    }

    public boolean hasReference() {
        return referenceCategories != null;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeInt(maxCategories);
        out.writeInt(referenceCategories == null ? -1 : referenceCategories.size());
        if (referenceCategories != null) {
            for (String category : new TreeSet<>(referenceCategories)) {
                out.writeUTF(category);
            }
        }
        out.writeLong(missing);
        out.writeLong(unseen);
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    public static CategoricalAccumulator readFrom(DataInput in) throws IOException {
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown categorical accumulator format " + version);
        }
        int maxCategories = in.readInt();
        int referenceSize = in.readInt();
        Set<String> reference = null;
        if (referenceSize >= 0) {
            reference = new HashSet<>();
            for (int i = 0; i < referenceSize; i++) {
                reference.add(in.readUTF());
            }
        }
        CategoricalAccumulator accumulator = new CategoricalAccumulator(maxCategories, reference);
        accumulator.missing = in.readLong();
        accumulator.unseen = in.readLong();
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            accumulator.counts.put(in.readUTF(), in.readLong());
        }
        accumulator.heldUnseenCategories = (int) accumulator.counts.keySet().stream()
                .filter(category -> !OTHER.equals(category) && !accumulator.isReferenceCategory(category))
                .count();
        return accumulator;
    }
}
