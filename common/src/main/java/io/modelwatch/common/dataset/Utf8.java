package io.modelwatch.common.dataset;

import io.modelwatch.common.json.Utf8Text;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a file stops being UTF-8. A reader's decoder fails somewhere in its read-ahead buffer, lines
 * past the one it last returned; this scan finds the line and byte column of the first bad byte.
 */
public final class Utf8 {
    private Utf8() {}

    /** The error for a file that is not UTF-8 text, naming the first line (and byte) that is not. */
    public static DatasetException notUtf8(Path path) {
        try {
            long[] at = firstInvalid(path);
            if (at != null && at[2] < 0) {
                return DatasetException.at(path.toString(), at[0],
                        "not UTF-8 text (the file ends inside a character); save the file as UTF-8");
            }
            if (at != null) {
                return DatasetException.at(path.toString(), at[0], String.format(
                        "not UTF-8 text (byte 0x%02X at byte %d of the line); save the file as UTF-8", at[2], at[1]));
            }
        } catch (IOException e) {
            // fall through to the message without a line
        }
        return new DatasetException(path + ": not UTF-8 text; save the file as UTF-8");
    }

    /** {line, byte column (1-based), byte value} of the first byte that is not UTF-8, or null when all are. */
    static long[] firstInvalid(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            long line = 1;
            long column = 0;
            int pending = 0; // continuation bytes still expected
            int lead = 0;
            int index = 0; // of the continuation byte within the sequence
            int b;
            while ((b = in.read()) != -1) {
                column++;
                if (pending > 0) {
                    index++;
                    if (!Utf8Text.continues(lead, b, index)) {
                        return new long[] {line, column, b};
                    }
                    pending--;
                    continue;
                }
                if (b == '\n') {
                    line++;
                    column = 0;
                } else if (b >= 0x80) {
                    pending = Utf8Text.sequenceLength(b) - 1;
                    if (pending < 0) {
                        return new long[] {line, column, b};
                    }
                    lead = b;
                    index = 0;
                }
            }
            return pending > 0 ? new long[] {line, column + 1, -1} : null;
        }
    }
}
