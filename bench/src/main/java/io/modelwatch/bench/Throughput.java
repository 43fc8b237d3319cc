package io.modelwatch.bench;

import io.modelwatch.cli.command.MonitorCommand;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.flink.WindowReportSerializationSchema;
import io.modelwatch.monitoring.MonitoringJob;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.flink.JsonLinesFile;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine;

/**
 * One timed run of the monitoring workflow in a local mini cluster, from before the configuration
 * is read to the end of the bounded job (the JVM's own start excluded), printed as one tab-separated
 * line: source, parallelism, events, seconds, events per second.
 *
 * <pre>
 * Throughput file PREDICTIONS EVENTS PROFILE PARALLELISM OUT_DIR   # modelwatch monitor, in process
 * Throughput generator EVENTS PROFILE PARALLELISM OUT_DIR           # the generator source, no rate limit
 * </pre>
 */
public final class Throughput {
    private Throughput() {}

    public static void main(String[] args) throws Exception {
        boolean file = args[0].equals("file");
        int at = file ? 2 : 1;
        long events = Long.parseLong(args[at]);
        Path profile = Path.of(args[at + 1]);
        int parallelism = Integer.parseInt(args[at + 2]);
        Path reports = Path.of(args[at + 3]).resolve(args[0] + "-p" + parallelism + ".reports.jsonl");

        long start = System.nanoTime();
        if (file) {
            monitor(Path.of(args[1]), profile, parallelism, reports);
        } else {
            generator(events, profile, parallelism, reports);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s\t%d\t%d\t%.3f\t%.0f%n", args[0], parallelism, events, seconds, events / seconds);
    }

    private static void monitor(Path predictions, Path profile, int parallelism, Path reports) {
        int exit = new CommandLine(new MonitorCommand()).execute("--predictions", predictions.toString(),
                "--reference", profile.toString(), "--window", "1m", "--parallelism", Integer.toString(parallelism),
                "--output", reports.toString());
        if (exit != 0) {
            throw new IllegalStateException("modelwatch monitor exited with " + exit);
        }
    }

    /** The workflow {@code monitor} runs, with the generator in place of the file. */
    private static void generator(long events, Path profile, int parallelism, Path reports) throws Exception {
        MonitoringConfig config = MonitoringConfig.load(null, Map.of(
                "source.type", "generator",
                "source.generator-events", Long.toString(events),
                "reference", profile.toString(),
                "window", "1m",
                "watermarks", "per-event",
                "sinks.kafka", "false",
                "checkpoints.interval", "0s"));
        ModelCatalog catalog = MonitoringJob.catalog(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                parallelism, FlinkSettings.of(config.checkpoints()));
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config),
                out -> out.sinkTo(new JsonLinesFile<>(reports, new WindowReportSerializationSchema())).setParallelism(1),
                deadLetters -> deadLetters.sinkTo(new DiscardingSink<>()));
        env.execute("modelwatch throughput (generator)");
    }
}
