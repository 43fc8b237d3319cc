package io.modelwatch.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A record that is not UTF-8 is refused for that, with the byte offset where it stops being
 * UTF-8, in one line — not with the garbled characters Jackson quotes when it takes FF FE for a
 * UTF-16 byte order mark, and not accepted when the bad byte is one Jackson never reads.
 */
class Utf8TextTest {
    private static final String EVENT = "{\"prediction_id\":\"p1\",\"model\":\"m\",\"timestamp\":\"2026-01-01T00:00:00Z\","
            + "\"prediction\":\"1\"}";
    private static final String LABEL = "{\"prediction_id\":\"p1\",\"actual\":\"1\",\"timestamp\":\"2026-01-01T00:00:00Z\"}";
    private static final String REPORT = "{\"model\":\"m\",\"model_version\":\"v1\",\"window_start\":\"2026-01-01T00:00:00Z\","
            + "\"window_end\":\"2026-01-01T00:01:00Z\"}";

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    @Test
    void aRecordStartingWithAUtf16ByteOrderMarkIsNotUtf8AtOffset0() {
        byte[] record = bytes(0xFF, 0xFE, EVENT);
        assertRefused(record, "$: not valid UTF-8 at byte offset 0 (FF, a UTF-16 byte order mark)");
        assertRefused(bytes(0xFE, 0xFF, EVENT), "$: not valid UTF-8 at byte offset 0 (FE, a UTF-16 byte order mark)");
    }

    @Test
    void aLoneLeadByteIsNotUtf8WhereItStands() {
        // {"prediction_id":"p  is 19 bytes, so the lone 0xC3 (the lead of a two-byte character) is at offset 19,
        // followed by the quote 0x22 that cannot continue it
        assertRefused(bytes("{\"prediction_id\":\"p", 0xC3, EVENT.substring(20)), "$: not valid UTF-8 at byte offset 19 (C3 22)");
        // at the very end, after a complete object: Jackson would stop before it
        assertRefused(bytes(EVENT, 0xC3), "$: not valid UTF-8 at byte offset " + EVENT.length()
                + " (C3, the record ends inside a character)");
    }

    @Test
    void overlongFormsSurrogatesAndCodePointsBeyondUnicodeAreNotUtf8() {
        String head = "{\"prediction_id\":\"p"; // 19 bytes
        String tail = EVENT.substring(20);
        // "/" as the overlong two bytes C0 AF, and as the overlong three bytes E0 80 AF
        assertRefused(bytes(head, 0xC0, 0xAF, tail), "$: not valid UTF-8 at byte offset 19 (C0)");
        assertRefused(bytes(head, 0xE0, 0x80, 0xAF, tail), "$: not valid UTF-8 at byte offset 19 (E0 80 AF)");
        assertRefused(bytes(head, 0xED, 0xA0, 0x80, tail), "$: not valid UTF-8 at byte offset 19 (ED A0 80)");
        assertRefused(bytes(head, 0xF4, 0x90, 0x80, 0x80, tail), "$: not valid UTF-8 at byte offset 19 (F4 90 80 80)");
    }

    @Test
    void validUtf8OfEveryLengthPasses() throws InvalidEventException {
        // é (2 bytes), € (3), 𝄞 (4), and the largest code point U+10FFFF
        String text = "{\"prediction_id\":\"é€𝄞\uDBFF\uDFFF\",\"model\":\"m\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"prediction\":\"1\"}";
        assertThat(new EventCodec().parsePrediction(text.getBytes(StandardCharsets.UTF_8)).predictionId())
                .isEqualTo("é€𝄞\uDBFF\uDFFF");
        assertThat(Utf8Text.firstInvalid(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void aZeroByteAmongTheFirstFourIsMalformedJsonNotAnotherEncoding() {
        assertRefused(bytes(0x00, "{}"), "$: malformed JSON: a zero byte at byte offset 0");
        assertRefused(bytes("{", 0x00, 0x00, "}"), "$: malformed JSON: a zero byte at byte offset 1");
    }

    @Test
    void labelsAndReportsAreCheckedTheSameWay() {
        assertThatThrownBy(() -> new EventCodec().parseLabel(bytes(0xFF, 0xFE, LABEL)))
                .hasMessage("$: not valid UTF-8 at byte offset 0 (FF, a UTF-16 byte order mark)");
        assertThatThrownBy(() -> new EventCodec().parseLabel(new byte[] {0, '{', 0, '}'}))
                .hasMessage("$: malformed JSON: a zero byte at byte offset 0");
        assertThatThrownBy(() -> new ReportCodec().parse(bytes(0xFF, 0xFE, REPORT)))
                .hasMessage("$: not valid UTF-8 at byte offset 0 (FF, a UTF-16 byte order mark)");
        // ObjectMapper reads a report without looking past its object: the byte after it must still be refused
        assertThatThrownBy(() -> new ReportCodec().parse(bytes(REPORT, 0xC3)))
                .hasMessage("$: not valid UTF-8 at byte offset " + REPORT.length() + " (C3, the record ends inside a character)");
        assertThatThrownBy(() -> new ReportCodec().parse(bytes("{\"model\":\"", 0xC0, 0xAF, REPORT.substring(10))))
                .hasMessage("$: not valid UTF-8 at byte offset 10 (C0)");
    }

    private static void assertRefused(byte[] record, String reason) {
        assertThat(reason).doesNotContain("\n", "\r");
        assertThatThrownBy(() -> new EventCodec().parsePrediction(record)).isInstanceOf(InvalidEventException.class)
                .hasMessage(reason);
    }
}
