package io.modelwatch.bench;

import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Adding one generated event to a window of the generator's model whose values have already moved
 * into KLL sketches, the steady state of any window past a few thousand events.
 * Run with {@code -p profile=PROFILE.json}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WindowAccumulatorBenchmark {
    @Param("")
    public String profile;

    private ModelReference reference;
    private PredictionEvent[] events;
    private WindowAccumulator window;
    private int next;

    @Setup
    public void generate() throws DatasetException {
        reference = GeneratorModel.reference(Path.of(profile));
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS);
        events = new PredictionEvent[EventCodecBenchmark.EVENTS];
        for (int i = 0; i < events.length; i++) {
            events[i] = generator.event(i);
        }
    }

    @Setup(Level.Iteration)
    public void fillPastExactLimit() {
        window = WindowAccumulator.empty(GeneratorModel.LIMITS);
        for (int i = 0; i <= GeneratorModel.LIMITS.exactValues(); i++) {
            add();
        }
    }

    @Benchmark
    public WindowAccumulator add() {
        next = (next + 1) % events.length;
        window.add(events[next], reference);
        return window;
    }
}
