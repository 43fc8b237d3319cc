package io.modelwatch.retraining.cli;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.decision.Decision;

/**
 * What the backtest job hands the command: a decision or a skipped report line. One collected
 * stream rather than two, since a collect sink whose results are not being fetched holds the job
 * back, so two would need a reader thread each. Public: Flink serializes only public types as POJOs.
 */
public record BacktestOutput(Decision decision, DeadLetter skipped) {
    static BacktestOutput of(Decision decision) {
        return new BacktestOutput(decision, null);
    }

    static BacktestOutput of(DeadLetter skipped) {
        return new BacktestOutput(null, skipped);
    }
}
