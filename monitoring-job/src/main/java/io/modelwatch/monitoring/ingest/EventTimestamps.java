package io.modelwatch.monitoring.ingest;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a record: its prediction's timestamp. A rejected record has none; the smallest
 * timestamp keeps it from moving the watermark.
 */
public final class EventTimestamps implements SerializableTimestampAssigner<IncomingEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(IncomingEvent record, long recordTimestamp) {
        return record.isAccepted() ? record.event().timestamp().toEpochMilli() : Long.MIN_VALUE;
    }
}
