package io.modelwatch.retraining.cli;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import org.junit.jupiter.api.Test;

class BacktestOutputTest {

    @Test
    void backtestOutputIsAPojo() {
        assertSerializedAsPojoWithoutKryo(BacktestOutput.class);
    }
}
