package io.modelwatch.common.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bytes that are not UTF-8 give a reason a person can read, on one line, naming the bytes. */
class Utf8RecordsTest {
    private static final String EVENT = "{\"prediction_id\":\"p\",\"model\":\"m\",\"timestamp\":\"2026-01-01T00:00:00Z\","
            + "\"prediction\":\"1\",\"features\":{\"x\":1}}";

    private static byte[] with(byte[] prefix, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(prefix);
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static byte[] inModelName(byte... bad) {
        int cut = EVENT.indexOf("\"m\"") + 1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(EVENT.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(bad);
        bytes.writeBytes(EVENT.substring(cut).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    @Test
    void aUtf16ByteOrderMarkIsNamedNotReadAsUtf16() {
        assertThatThrownBy(() -> new EventCodec().parsePrediction(with(new byte[] {(byte) 0xFF, (byte) 0xFE}, EVENT)))
                .hasMessage("$: not UTF-8: the record starts with bytes FF FE 7B 22 (a UTF-16 or UTF-32 byte order mark)");
        assertThatThrownBy(() -> new ReportCodec().parse(with(new byte[] {(byte) 0xFE, (byte) 0xFF}, "{}")))
                .hasMessage("$: not UTF-8: the record starts with bytes FE FF 7B 7D (a UTF-16 or UTF-32 byte order mark)");
    }

    @Test
    void zeroBytesAtTheStartAreNamed() {
        assertThatThrownBy(() -> new EventCodec().parseLabel(new byte[] {0, '{', 0, '}'}))
                .hasMessage("$: not UTF-8: the record starts with bytes 00 7B 00 7D (a zero byte)");
    }

    @Test
    void aLoneLeadByteOrAnOverlongSequenceInsideIsAUtf8ErrorOnOneLine() {
        for (byte[] bad : new byte[][] {{(byte) 0xC3}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            assertThatThrownBy(() -> new EventCodec().parsePrediction(inModelName(bad)))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageStartingWith("$: malformed JSON at line 1, column ")
                    .hasMessageContaining("UTF-8")
                    .hasMessageNotContaining("\n");
        }
    }
}
