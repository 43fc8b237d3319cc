package io.modelwatch.monitoring.flink;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** One JSON document per line, for Flink's file sink. */
public final class JsonLineEncoder<T> implements Encoder<T> {
    private static final long serialVersionUID = 1L;

    private final SerializationSchema<T> format;

    public JsonLineEncoder(SerializationSchema<T> format) {
        this.format = format;
    }

    @Override
    public void encode(T element, OutputStream out) throws IOException {
        out.write(format.serialize(element));
        out.write('\n');
    }
}
