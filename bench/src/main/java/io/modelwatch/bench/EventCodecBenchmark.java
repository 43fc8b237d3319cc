package io.modelwatch.bench;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.common.json.InvalidEventException;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Parsing one generated prediction event (about 400 bytes of JSON), the job's per-event floor. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventCodecBenchmark {
    static final int EVENTS = 1024;

    private final EventCodec codec = new EventCodec();
    private byte[][] lines;
    private int next;

    @Setup
    public void encode() {
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS);
        lines = new byte[EVENTS][];
        for (int i = 0; i < EVENTS; i++) {
            lines[i] = codec.write(generator.event(i));
        }
    }

    @Benchmark
    public PredictionEvent parsePrediction() throws InvalidEventException {
        next = (next + 1) % EVENTS;
        return codec.parsePrediction(lines[next]);
    }
}
