package io.modelwatch.common.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CategoricalAccumulatorTest {
    private static final Set<String> REFERENCE = Set.of("north", "south");

    @Test
    void countsCategoriesMissingAndUnseen() {
        CategoricalAccumulator values = new CategoricalAccumulator(10, REFERENCE);
        for (String v : new String[] {"north", "north", "south", "west", null}) {
            values.add(v);
        }
        assertThat(values.counts()).containsExactly(entry("north", 2L), entry("south", 1L), entry("west", 1L));
        assertThat(values.count()).isEqualTo(5);
        assertThat(values.missing()).isEqualTo(1);
        assertThat(values.unseen()).isEqualTo(1);
    }

    @Test
    void categoriesPastTheCapArePooledButReferenceOnesNeverAre() {
        CategoricalAccumulator values = new CategoricalAccumulator(2, REFERENCE);
        for (String v : new String[] {"north", "south", "a", "b", "c", "north", "d"}) {
            values.add(v);
        }
        assertThat(values.counts()).containsExactly(
                entry("__other__", 2L), entry("a", 1L), entry("b", 1L), entry("north", 2L), entry("south", 1L));
        assertThat(values.unseen()).isEqualTo(4);
        assertThat(values.nonMissing()).isEqualTo(7);
    }

    @Test
    void mergingEqualsCountingInOnePlaceBelowTheCap() {
        String[] data = {"north", "east", "south", "north", "west", "east", "north"};
        CategoricalAccumulator whole = new CategoricalAccumulator(10, REFERENCE);
        CategoricalAccumulator left = new CategoricalAccumulator(10, REFERENCE);
        CategoricalAccumulator right = new CategoricalAccumulator(10, REFERENCE);
        for (int i = 0; i < data.length; i++) {
            whole.add(data[i]);
            (i < 3 ? left : right).add(data[i]);
        }
        left.addMissing();
        whole.addMissing();
        left.merge(right);
        assertThat(left.counts()).isEqualTo(whole.counts());
        assertThat(left.unseen()).isEqualTo(whole.unseen()).isEqualTo(3);
        assertThat(left.missing()).isEqualTo(1);
    }

    @Test
    void mergingPastTheCapKeepsTotalsAndUnseenExact() {
        CategoricalAccumulator left = new CategoricalAccumulator(2, REFERENCE);
        CategoricalAccumulator right = new CategoricalAccumulator(2, REFERENCE);
        for (String v : new String[] {"a", "b", "c", "north"}) {
            left.add(v);
        }
        for (String v : new String[] {"x", "y", "z", "south"}) {
            right.add(v);
        }
        left.merge(right);
        assertThat(left.nonMissing()).isEqualTo(8);
        assertThat(left.unseen()).isEqualTo(6);
        assertThat(left.counts()).containsEntry("north", 1L).containsEntry("south", 1L).hasSizeLessThanOrEqualTo(2 + 2 + 1);
    }

    @Test
    void serializationRoundTrips() throws IOException {
        CategoricalAccumulator values = new CategoricalAccumulator(3, REFERENCE);
        for (String v : new String[] {"north", "é", "b", "c", "d", null}) {
            values.add(v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        values.writeTo(new DataOutputStream(out));
        CategoricalAccumulator copy = CategoricalAccumulator.readFrom(
                new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
        assertThat(copy.counts()).isEqualTo(values.counts());
        assertThat(copy.unseen()).isEqualTo(values.unseen());
        assertThat(copy.missing()).isEqualTo(values.missing());
        assertThat(copy.hasReference()).isTrue();
    }
}
