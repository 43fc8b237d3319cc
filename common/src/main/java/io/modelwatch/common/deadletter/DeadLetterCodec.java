package io.modelwatch.common.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON of dead letters: {@code {"source_topic", "partition", "offset", "error", "payload"}}. */
public final class DeadLetterCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    public byte[] write(DeadLetter deadLetter) {
        try {
            return MAPPER.writeValueAsBytes(deadLetter);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DeadLetter parse(byte[] json) {
        try {
            return MAPPER.readValue(json, DeadLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
