package io.modelwatch.cli.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * One local JSON-lines file, replaced at start, written line by line: each line is flushed as it
 * comes, so a demo stopped with Ctrl-C leaves every report and decision it showed. The demo's
 * sinks have parallelism 1 and a line every few seconds, so flushing each costs nothing.
 */
final class FlushedJsonLines<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final SerializationSchema<T> format;

    FlushedJsonLines(Path path, SerializationSchema<T> format) {
        this.path = path.toString();
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("a single JSON-lines file needs a sink of parallelism 1");
        }
        return new Writer<>(new BufferedOutputStream(Files.newOutputStream(Path.of(path))), format);
    }

    private record Writer<T>(OutputStream out, SerializationSchema<T> format) implements SinkWriter<T> {
        @Override
        public void write(T element, Context context) throws IOException {
            out.write(format.serialize(element));
            out.write('\n');
            out.flush();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
