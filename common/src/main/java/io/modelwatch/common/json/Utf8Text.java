package io.modelwatch.common.json;

import java.util.HexFormat;

/**
 * Records are UTF-8 text (RFC 8259 section 8.1). Given bytes, Jackson guesses their encoding from
 * the first four, so a UTF-16 byte order mark (FF FE) or zero bytes make it read a record as UTF-16
 * or UTF-32 and quote garbled characters in its error; an invalid byte after the JSON, or in a
 * value it skips, it may not see at all. So every record is checked here first, in one pass that
 * costs little next to parsing, and one that is not UTF-8 is refused with the byte offset of the
 * first character that is not (overlong forms, surrogates and code points past U+10FFFF included).
 */
public final class Utf8Text {
    private Utf8Text() {}

    /** @throws InvalidEventException naming the first byte offset that is not UTF-8 text, or a leading zero byte */
    public static void require(byte[] record) throws InvalidEventException {
        int invalid = firstInvalid(record);
        if (invalid >= 0) {
            // The bytes of the broken character: its lead and the bytes that should have continued it.
            int shown = Math.min(Math.max(1, sequenceLength(record[invalid] & 0xFF)), record.length - invalid);
            String bytes = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(record, invalid, invalid + shown);
            boolean byteOrderMark = invalid == 0 && record.length >= 2
                    && ((record[0] == (byte) 0xFF && record[1] == (byte) 0xFE) || (record[0] == (byte) 0xFE && record[1] == (byte) 0xFF));
            String cause = byteOrderMark ? ", a UTF-16 byte order mark"
                    : invalid + shown == record.length && shown < sequenceLength(record[invalid] & 0xFF)
                    ? ", the record ends inside a character" : "";
            throw new InvalidEventException("$", "not valid UTF-8 at byte offset " + invalid + " (" + bytes + cause + ")");
        }
        for (int i = 0; i < Math.min(4, record.length); i++) {
            if (record[i] == 0) {
                throw new InvalidEventException("$", "malformed JSON: a zero byte at byte offset " + i);
            }
        }
    }

    /** The offset of the first character that is not UTF-8 (where it starts), or -1 when all are. */
    public static int firstInvalid(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length = sequenceLength(lead);
            if (length < 0 || i + length > bytes.length) {
                return i;
            }
            for (int k = 1; k < length; k++) {
                if (!continues(lead, bytes[i + k] & 0xFF, k)) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /** Bytes in the character that {@code lead} starts: 1 to 4, or -1 when no character starts with it. */
    public static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        return lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : -1;
    }

    /**
     * Whether {@code b} may be byte {@code index} (from 1) of the character that {@code lead} starts:
     * a continuation byte, and at index 1 one that rules out overlong forms, surrogates and code
     * points past U+10FFFF.
     */
    public static boolean continues(int lead, int b, int index) {
        if ((b & 0xC0) != 0x80) {
            return false;
        }
        if (index != 1) {
            return true;
        }
        return switch (lead) {
            case 0xE0 -> b >= 0xA0;
            case 0xED -> b <= 0x9F;
            case 0xF0 -> b >= 0x90;
            case 0xF4 -> b <= 0x8F;
            default -> true;
        };
    }
}
