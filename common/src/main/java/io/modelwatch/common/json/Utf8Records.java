package io.modelwatch.common.json;

import java.util.HexFormat;

/**
 * Records are UTF-8. Given bytes, Jackson guesses the encoding from the first four: a UTF-16 or
 * UTF-32 byte order mark, or zero bytes, make it read the record as UTF-16 or UTF-32, and its
 * error then quotes garbled characters. Such a record is refused here, naming the bytes; every
 * other invalid byte is reported by the UTF-8 parser with its position.
 */
final class Utf8Records {
    private Utf8Records() {}

    static void requireUtf8Start(byte[] record) throws InvalidEventException {
        int head = Math.min(4, record.length);
        boolean byteOrderMark = record.length >= 2 && ((record[0] == (byte) 0xFF && record[1] == (byte) 0xFE)
                || (record[0] == (byte) 0xFE && record[1] == (byte) 0xFF));
        boolean zeroByte = false;
        for (int i = 0; i < head; i++) {
            zeroByte |= record[i] == 0;
        }
        if (byteOrderMark || zeroByte) {
            throw new InvalidEventException("$", "not UTF-8: the record starts with bytes "
                    + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(record, 0, head)
                    + (byteOrderMark ? " (a UTF-16 or UTF-32 byte order mark)" : " (a zero byte)"));
        }
    }
}
