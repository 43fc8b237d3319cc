package io.modelwatch.common.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.deadletter.DeadLetterCodec;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Dead letters as the JSON of docs/ARCHITECTURE.md section 5, for the Kafka dead-letter sinks. */
public class DeadLetterSerializationSchema implements SerializationSchema<DeadLetter> {
    private static final DeadLetterCodec CODEC = new DeadLetterCodec();

    @Override
    public byte[] serialize(DeadLetter deadLetter) {
        return CODEC.write(deadLetter);
    }
}
