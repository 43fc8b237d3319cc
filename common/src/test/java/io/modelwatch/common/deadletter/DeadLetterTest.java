package io.modelwatch.common.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private final DeadLetterCodec codec = new DeadLetterCodec();

    @Test
    void deadLetterIsWrittenWithTheContractKeys() throws Exception {
        DeadLetter letter = DeadLetter.of("predictions", 3, 1234L, "timestamp: is required",
                "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().readTree(codec.write(letter));
        assertThat(json.get("source_topic").asText()).isEqualTo("predictions");
        assertThat(json.get("partition").asInt()).isEqualTo(3);
        assertThat(json.get("offset").asLong()).isEqualTo(1234L);
        assertThat(json.get("error").asText()).isEqualTo("timestamp: is required");
        assertThat(json.get("payload").asText()).isEqualTo("{\"model\":\"m\"}");
        assertThat(codec.parse(codec.write(letter))).isEqualTo(letter);
    }

    @Test
    void payloadIsTruncatedTo64KiB() {
        byte[] big = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        assertThat(DeadLetter.of("t", 0, 0, "too big", big).payload()).hasSize(65_536);
    }

    @Test
    void truncationNeverSplitsAMultiByteCharacter() {
        // 'é' is two bytes in UTF-8: 65,535 ASCII bytes put one straddling the 64 KiB cut.
        byte[] payload = ("x".repeat(65_535) + "é".repeat(10)).getBytes(StandardCharsets.UTF_8);
        String kept = DeadLetter.of("t", 0, 0, "too big", payload).payload();
        assertThat(kept).hasSize(65_535).doesNotContain("\uFFFD");
    }

    @Test
    void aReasonThatQuotesTheRecordStaysOneLine() {
        // a model name with a line break and a bell, as JSON escapes can carry them
        DeadLetter letter = DeadLetter.of("t", 0, 0, "model: 'a\nb\u0007' is not monitored", new byte[0]);
        assertThat(letter.error()).isEqualTo("model: 'a\\nb\\u0007' is not monitored");
        assertThat(DeadLetter.of("t", 0, 0, "model: '" + "x".repeat(5000) + "'", new byte[0]).error())
                .hasSizeLessThan(1100).endsWith(" more characters)");
    }
}
