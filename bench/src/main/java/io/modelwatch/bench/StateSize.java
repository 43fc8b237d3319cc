package io.modelwatch.bench;

import io.modelwatch.common.distribution.NumericalAccumulator;
import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.window.ModelReference;
import io.modelwatch.monitoring.window.WindowAccumulator;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * {@code StateSize PROFILE}: serialized size of a window's state as events pile up — one numerical
 * feature (the reference's income bins) and a whole window of the generator's model — as a
 * Markdown table on stdout.
 */
public final class StateSize {
    private static final long[] FEATURE_VALUES = {1_000, 10_000, 100_000, 1_000_000, 10_000_000};
    private static final long[] WINDOW_EVENTS = {1_000, 10_000, 100_000, 1_000_000};

    private StateSize() {}

    public static void main(String[] args) throws Exception {
        ModelReference reference = GeneratorModel.reference(Path.of(args[0]));
        BinEdges incomeBins = reference.profile().features().get("income").numerical().edges();
        System.out.println("| state | added | serialized bytes | bytes per added value |");
        System.out.println("|---|---:|---:|---:|");
        for (long values : FEATURE_VALUES) {
            row("NumericalAccumulator (income bins)", values, feature(incomeBins, values));
        }
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS);
        for (long events : WINDOW_EVENTS) {
            row("WindowAccumulator (credit-default, 7 features)", events, window(generator, reference, events));
        }
    }

    private static int feature(BinEdges bins, long values) throws IOException {
        NumericalAccumulator accumulator = new NumericalAccumulator(GeneratorModel.LIMITS.exactValues(),
                GeneratorModel.LIMITS.sketchK(), bins, null);
        SplittableRandom random = new SplittableRandom(7);
        for (long i = 0; i < values; i++) {
            // Incomes: log-normal around 50,000.
            accumulator.add(Math.exp(10.8 + 0.45 * random.nextGaussian()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        accumulator.writeTo(new DataOutputStream(bytes));
        return bytes.size();
    }

    private static int window(TrafficGenerator generator, ModelReference reference, long events) {
        WindowAccumulator accumulator = WindowAccumulator.empty(GeneratorModel.LIMITS);
        for (long index = 0; index < events; index++) {
            accumulator.add(generator.event(index), reference);
        }
        return accumulator.toBytes().length;
    }

    private static void row(String state, long added, int bytes) {
        System.out.printf("| %s | %,d | %,d | %.4f |%n", state, added, bytes, (double) bytes / added);
    }
}
