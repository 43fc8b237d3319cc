package io.modelwatch.monitoring.ingest;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.event.LabelEvent;

/**
 * A label record as the source read it: a valid label, or the reason it was rejected, with where
 * it came from and its bytes for the dead letter.
 *
 * @param partition -1 for a file
 * @param offset the Kafka offset, or the line number (from 1) in a file
 * @param label null when rejected
 * @param error why it was rejected, else null
 */
public record IncomingLabel(String source, int partition, long offset, LabelEvent label, String error, byte[] payload)
        implements DecodedRecord {

    public static IncomingLabel accepted(String source, int partition, long offset, LabelEvent label, byte[] payload) {
        return new IncomingLabel(source, partition, offset, label, null, payload);
    }

    public static IncomingLabel rejected(String source, int partition, long offset, String error, byte[] payload) {
        return new IncomingLabel(source, partition, offset, null, error, payload);
    }

    @Override
    public boolean isAccepted() {
        return label != null;
    }

    @Override
    public long eventTime() {
        return isAccepted() ? label.timestamp().toEpochMilli() : Long.MIN_VALUE;
    }

    @Override
    public DeadLetter deadLetter() {
        return DeadLetter.of(source, partition, offset, error, payload);
    }
}
