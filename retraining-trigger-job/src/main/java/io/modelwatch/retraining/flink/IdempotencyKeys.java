package io.modelwatch.retraining.flink;

import io.modelwatch.retraining.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Audit records are keyed by idempotency key, so every record of one decision lands in one partition. */
public final class IdempotencyKeys implements SerializationSchema<AuditRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(AuditRecord record) {
        return record.idempotencyKey().getBytes(StandardCharsets.UTF_8);
    }
}
