package io.modelwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The parse ceiling: Jackson's streaming parser walking every token of a generated event, reading
 * each name and value as text or number and building nothing. No decoder can be faster than this.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonParseCeilingBenchmark {
    private static final JsonFactory JSON = new JsonFactory();

    private byte[][] lines;
    private int next;

    @Setup
    public void encode() {
        EventCodec codec = new EventCodec();
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS);
        lines = new byte[EventCodecBenchmark.EVENTS][];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = codec.write(generator.event(i));
        }
    }

    @Benchmark
    public long tokens() throws IOException {
        next = (next + 1) % lines.length;
        long seen = 0;
        try (JsonParser parser = JSON.createParser(lines[next])) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> seen += parser.currentName().length();
                    case VALUE_STRING -> seen += parser.getText().length();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> seen += (long) parser.getDoubleValue();
                    default -> seen++;
                }
            }
        }
        return seen;
    }
}
