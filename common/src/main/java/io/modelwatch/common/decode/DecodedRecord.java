package io.modelwatch.common.decode;

import io.modelwatch.common.deadletter.DeadLetter;

/** A record as a source read it: valid, or rejected with a dead letter that points at it. */
public interface DecodedRecord {

    boolean isAccepted();

    /** Event time in epoch milliseconds; {@link Long#MIN_VALUE} when rejected, so it never moves the watermark. */
    long eventTime();

    /** The dead letter of this record, rejected for its own error. */
    DeadLetter deadLetter();
}
