package io.modelwatch.monitoring.ingest;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;

/**
 * A record as the source read it: a valid prediction event, or the reason it was rejected.
 * Either way it keeps where it came from and its bytes, for a dead letter (a valid event can
 * still be rejected later, e.g. over the model limit).
 *
 * @param source topic or file
 * @param partition -1 for a file
 * @param offset the Kafka offset, or the line number (from 1) in a file
 * @param event null when rejected
 * @param error why it was rejected, else null
 * @param payload the original bytes; null for generated events (their dead letters re-encode them)
 */
public record IncomingEvent(String source, int partition, long offset, PredictionEvent event, String error,
        byte[] payload) implements DecodedRecord {

    private static final EventCodec CODEC = new EventCodec();

    public static IncomingEvent accepted(String source, int partition, long offset, PredictionEvent event,
            byte[] payload) {
        return new IncomingEvent(source, partition, offset, event, null, payload);
    }

    public static IncomingEvent rejected(String source, int partition, long offset, String error, byte[] payload) {
        return new IncomingEvent(source, partition, offset, null, error, payload);
    }

    @Override
    public boolean isAccepted() {
        return event != null;
    }

    @Override
    public long eventTime() {
        return isAccepted() ? event.timestamp().toEpochMilli() : Long.MIN_VALUE;
    }

    /** The dead letter of this record, rejected for its own {@code error} or for {@code reason}. */
    public DeadLetter deadLetter(String reason) {
        byte[] original = payload != null ? payload : CODEC.write(event);
        return DeadLetter.of(source, partition, offset, reason, original);
    }

    @Override
    public DeadLetter deadLetter() {
        return deadLetter(error);
    }
}
