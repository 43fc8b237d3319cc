package io.modelwatch.common.flink;

import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.decode.RecordDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * Prediction events (or labels, or reports) as JSON lines, decoded as the file is read so that
 * watermarks come from the records themselves. A dead letter's offset is the line number. Blank
 * lines are skipped.
 *
 * <p>A file is read in splits, one per source subtask ({@link EvenFileSplits}), so that every
 * subtask parses a part of it. A split owns the lines that start in it: it skips the end of a line
 * begun before it, and reads on past its end to finish its last line. Its first line number is the
 * count of line breaks before that line, counted once when the split is opened. The reader keeps
 * no position of its own: on recovery the file source re-reads the split and skips the records
 * already emitted, so line numbers stay right.
 */
public final class JsonLinesFormat<T extends DecodedRecord> implements StreamFormat<T> {
    private static final long serialVersionUID = 1L;
    private static final int BUFFER_BYTES = 1 << 16;

    private final String source;
    private final RecordDecoder<T> decoder;
    private final Class<T> type;

    /** @param source the name dead letters give as their source, e.g. the file's path */
    public JsonLinesFormat(String source, RecordDecoder<T> decoder, Class<T> type) {
        this.source = source;
        this.decoder = decoder;
        this.type = type;
    }

    /** A bounded source of the file at {@code path}, split evenly among the source's subtasks. */
    public static <T extends DecodedRecord> FileSource<T> fileSource(String path, RecordDecoder<T> decoder, Class<T> type) {
        return FileSource.forRecordStreamFormat(new JsonLinesFormat<>(path, decoder, type), new Path(path))
                .setFileEnumerator(EvenFileSplits::new)
                .build();
    }

    @Override
    public StreamFormat.Reader<T> createReader(Configuration config, FSDataInputStream stream, long fileLength,
            long splitEnd) throws IOException {
        return new Reader(stream, splitEnd);
    }

    /**
     * Never called: the reader reports no checkpointed position, so the file source restores a split
     * with {@link #createReader} and skips the records it emitted before.
     */
    @Override
    public StreamFormat.Reader<T> restoreReader(Configuration config, FSDataInputStream stream, long restoredOffset,
            long fileLength, long splitEnd) {
        throw new IllegalStateException("JSON-lines splits restore by skipping records, not from an offset");
    }

    @Override
    public boolean isSplittable() {
        return true;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }

    private final class Reader implements StreamFormat.Reader<T> {
        private final FSDataInputStream in;
        private final long splitEnd;
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private final ByteArrayOutputStream longLine = new ByteArrayOutputStream();
        /** File position of {@code buffer[0]}. */
        private long bufferStart;
        private int position;
        private int limit;
        private long lineNumber;

        Reader(FSDataInputStream in, long splitEnd) throws IOException {
            this.in = in;
            this.splitEnd = splitEnd;
            long splitStart = in.getPos();
            if (splitStart > 0) {
                long firstLine = startOfLineAtOrAfter(splitStart);
                lineNumber = lineBreaksBefore(firstLine);
                in.seek(firstLine);
                bufferStart = firstLine;
            }
        }

        @Override
        public T read() throws IOException {
            byte[] line;
            while (bufferStart + position < splitEnd && (line = nextLine()) != null) {
                lineNumber++;
                if (!isBlank(line)) {
                    return decoder.decode(source, -1, lineNumber, line);
                }
            }
            return null;
        }

        /** Where the first line that starts at or after {@code offset} starts: after the line break before it. */
        private long startOfLineAtOrAfter(long offset) throws IOException {
            in.seek(offset - 1);
            long at = offset - 1;
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        return at + i + 1;
                    }
                }
                at += read;
            }
            return at;
        }

        private long lineBreaksBefore(long offset) throws IOException {
            in.seek(0);
            long count = 0;
            long remaining = offset;
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
                remaining -= read;
            }
            return count;
        }

        /** The next line without its terminator, or null at the end of the file. */
        private byte[] nextLine() throws IOException {
            longLine.reset();
            boolean sawAnything = false;
            while (true) {
                if (position == limit) {
                    bufferStart += limit;
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
