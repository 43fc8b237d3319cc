package io.modelwatch.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ConfusionMatrixAccumulatorTest {

    @Test
    void countsEachActualAndPredictedPair() {
        ConfusionMatrixAccumulator accumulator = new ConfusionMatrixAccumulator();
        accumulator.add("cat", "dog");
        accumulator.add("cat", "dog");
        accumulator.add("dog", "dog");

        assertThat(accumulator.count("cat", "dog")).isEqualTo(2);
        assertThat(accumulator.count("dog", "dog")).isEqualTo(1);
        assertThat(accumulator.count("dog", "cat")).isZero();
        assertThat(accumulator.count("fish", "cat")).isZero();
        assertThat(accumulator.total()).isEqualTo(3);
    }

    @Test
    void mergeAddsTheOtherCountsAndLeavesTheOtherUnchanged() {
        ConfusionMatrixAccumulator first = new ConfusionMatrixAccumulator();
        first.add("a", "b");
        ConfusionMatrixAccumulator second = new ConfusionMatrixAccumulator();
        second.add("a", "b");
        second.add("c", "a");

        first.merge(second);

        assertThat(first.count("a", "b")).isEqualTo(2);
        assertThat(first.count("c", "a")).isEqualTo(1);
        assertThat(second.total()).isEqualTo(2);
    }

    @Test
    void anAccumulatorCannotBeMergedIntoItself() {
        ConfusionMatrixAccumulator accumulator = new ConfusionMatrixAccumulator();

        assertThatIllegalArgumentException().isThrownBy(() -> accumulator.merge(accumulator));
    }

    @Test
    void countsSurviveARoundTripThroughTheBeanAccessorsFlinkUses() {
        ConfusionMatrixAccumulator original = new ConfusionMatrixAccumulator();
        original.add("a", "b");
        original.add("a", "b");
        original.add("b", "b");

        ConfusionMatrixAccumulator restored = new ConfusionMatrixAccumulator();
        restored.setActualLabels(original.getActualLabels().clone());
        restored.setPredictedLabels(original.getPredictedLabels().clone());
        restored.setCounts(original.getCounts().clone());
        restored.add("a", "b");

        assertThat(restored.count("a", "b")).isEqualTo(3);
        assertThat(restored.count("b", "b")).isEqualTo(1);
        assertThat(restored.getCounts()).hasSize(2);
    }
}
