package io.modelwatch.monitoring.reference;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.decode.DecodedRecord;
import java.nio.charset.StandardCharsets;

/**
 * A record of the {@code model-profiles} topic as the job uses it: a model version's new reference
 * profile, or the removal of its profile, and the first window it applies to; or the reason the
 * record was rejected.
 *
 * @param timestamp the record's Kafka timestamp, epoch milliseconds
 * @param effectiveFrom the earliest start of a window the profile applies to, epoch milliseconds:
 *     the record's header {@code effective_from}, or else the millisecond after its timestamp
 * @param profileId {@link ProfileId} of {@code json}; null for a removal
 * @param json the profile, null for a removal (a tombstone); the record's text when rejected
 * @param shapeJson the profile's {@link io.modelwatch.common.profile.ProfileCodec#toShapeJson shape}, computed
 *     once here for every pre-aggregating instance; null for a removal or a rejected record
 * @param error why the record was rejected, else null
 */
public record ProfileUpdate(String topic, int partition, long offset, long timestamp, String model,
        String modelVersion, long effectiveFrom, String profileId, String json, String shapeJson, String error)
        implements DecodedRecord {

    public static ProfileUpdate rejected(String topic, int partition, long offset, long timestamp, String error,
            String text) {
        return new ProfileUpdate(topic, partition, offset, timestamp, null, null, Long.MIN_VALUE, null, text, null, error);
    }

    @Override
    public boolean isAccepted() {
        return error == null;
    }

    /** Profiles never move event time: their stream is idle for watermarks. */
    @Override
    public long eventTime() {
        return Long.MIN_VALUE;
    }

    @Override
    public DeadLetter deadLetter() {
        return deadLetter(error);
    }

    /** A dead letter pointing at this record, for {@code reason}. */
    public DeadLetter deadLetter(String reason) {
        return DeadLetter.of(topic, partition, offset, reason,
                json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isRemoval() {
        return json == null;
    }
}
