package io.modelwatch.cli.command;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import org.junit.jupiter.api.Test;

class BacktestOutputTest {

    @Test
    void backtestOutputIsAPojo() {
        assertSerializedAsPojoWithoutKryo(BacktestOutput.class);
    }
}
