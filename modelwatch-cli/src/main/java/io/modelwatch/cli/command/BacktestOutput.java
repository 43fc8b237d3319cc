package io.modelwatch.cli.command;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.audit.AuditRecord;

/**
 * What the backtest job hands the command: an audit record (a decision or, when actions are
 * called, a delivery's outcome) or a dead letter. One collected stream rather than two, since a
 * collect sink whose results are not being fetched holds the job back, so two would need a reader
 * thread each. Public: Flink serializes only public types as POJOs.
 */
public record BacktestOutput(AuditRecord record, DeadLetter deadLetter) {
    static BacktestOutput of(AuditRecord record) {
        return new BacktestOutput(record, null);
    }

    static BacktestOutput of(DeadLetter deadLetter) {
        return new BacktestOutput(null, deadLetter);
    }
}
