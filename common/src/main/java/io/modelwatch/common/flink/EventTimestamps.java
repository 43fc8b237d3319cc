package io.modelwatch.common.flink;

import io.modelwatch.common.decode.DecodedRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** Event time of a record: its prediction's or label's timestamp; rejected records never move the watermark. */
public final class EventTimestamps<T extends DecodedRecord> implements SerializableTimestampAssigner<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(T record, long recordTimestamp) {
        return record.eventTime();
    }
}
