package io.modelwatch.common.flink;

import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.decode.RecordDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Prediction events (or labels) as JSON lines, decoded as the file is read so that watermarks come
 * from the records themselves. A dead letter's offset is the line number. Blank lines are skipped. The
 * reader keeps no position of its own: on recovery the file source re-reads the file and skips
 * the records already emitted, so line numbers stay right.
 */
public final class JsonLinesFormat<T extends DecodedRecord> extends SimpleStreamFormat<T> {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final RecordDecoder<T> decoder;
    private final Class<T> type;

    /** @param source the name dead letters give as their source, e.g. the file's path */
    public JsonLinesFormat(String source, RecordDecoder<T> decoder, Class<T> type) {
        this.source = source;
        this.decoder = decoder;
        this.type = type;
    }

    @Override
    public StreamFormat.Reader<T> createReader(Configuration config, FSDataInputStream stream) {
        return new Reader(stream);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }

    private final class Reader implements StreamFormat.Reader<T> {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private final ByteArrayOutputStream longLine = new ByteArrayOutputStream();
        private int position;
        private int limit;
        private long lineNumber;

        Reader(InputStream in) {
            this.in = in;
        }

        @Override
        public T read() throws IOException {
            byte[] line;
            while ((line = nextLine()) != null) {
                lineNumber++;
                if (!isBlank(line)) {
                    return decoder.decode(source, -1, lineNumber, line);
                }
            }
            return null;
        }

        /** The next line without its terminator, or null at the end of the file. */
        private byte[] nextLine() throws IOException {
            longLine.reset();
            boolean sawAnything = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return sawAnything ? withoutCarriageReturn(longLine.toByteArray()) : null;
                    }
                }
                sawAnything = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                if (position < limit) {
                    byte[] line;
                    if (longLine.size() == 0) {
                        line = Arrays.copyOfRange(buffer, start, position);
                    } else {
                        longLine.write(buffer, start, position - start);
                        line = longLine.toByteArray();
                    }
                    position++;
                    return withoutCarriageReturn(line);
                }
                longLine.write(buffer, start, position - start);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static byte[] withoutCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
