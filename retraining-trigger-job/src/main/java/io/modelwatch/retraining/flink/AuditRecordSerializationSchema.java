package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.audit.AuditCodec;
import io.modelwatch.retraining.audit.AuditRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Audit records as JSON for the {@code retraining-events} sink. */
public class AuditRecordSerializationSchema implements SerializationSchema<AuditRecord> {
    private static final AuditCodec CODEC = new AuditCodec();

    @Override
    public byte[] serialize(AuditRecord record) {
        return CODEC.write(record);
    }
}
