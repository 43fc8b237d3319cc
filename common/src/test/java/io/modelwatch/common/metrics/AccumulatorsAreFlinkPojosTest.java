package io.modelwatch.common.metrics;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import org.junit.jupiter.api.Test;

class AccumulatorsAreFlinkPojosTest {

    @Test
    void confusionMatrixAccumulatorIsSerializedAsPojoWithoutKryo() {
        assertSerializedAsPojoWithoutKryo(ConfusionMatrixAccumulator.class);
    }

    @Test
    void regressionAccumulatorIsSerializedAsPojoWithoutKryo() {
        assertSerializedAsPojoWithoutKryo(RegressionAccumulator.class);
    }
}
