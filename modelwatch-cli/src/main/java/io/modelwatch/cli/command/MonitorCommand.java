package io.modelwatch.cli.command;

import io.modelwatch.common.config.ConfigException;
import io.modelwatch.common.config.Durations;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.flink.DeadLetterSerializationSchema;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.flink.WindowReportSerializationSchema;
import io.modelwatch.monitoring.MonitoringJob;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.flink.JsonLinesFile;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelwatch monitor}: the monitoring job's workflow, bounded, over a file of logged
 * prediction events (and optionally of their labels), in an embedded Flink mini cluster. Reports and dead letters go to JSON-lines
 * files; a one-line summary goes to stderr.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Run the monitoring job over logged prediction events (JSON lines) and write window reports.")
public final class MonitorCommand implements Callable<Integer> {
    /** More parallel instances than this only add threads and memory on one machine. */
    static final int MAX_PARALLELISM = 64;

    @Spec
    private CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "FILE", description = "Prediction events, one JSON object a line.")
    private Path predictions;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Ground truth, one label a line, joined with the predictions by prediction_id.")
    private Path labels;

    @Option(names = "--label-horizon", defaultValue = "24h", paramLabel = "DURATION",
            description = "How long a prediction waits for its label, in event time (default ${DEFAULT-VALUE}).")
    private String labelHorizon;

    @Option(names = "--regression-models", split = ",", paramLabel = "MODEL",
            description = "Models whose predictions are numbers (MAE, RMSE, MAPE); the others are classifiers.")
    private List<String> regressionModels;

    @Option(names = "--concept-drift-detector", defaultValue = "adwin", paramLabel = "NAME",
            description = "adwin or ddm (default ${DEFAULT-VALUE}).")
    private String conceptDriftDetector;

    @Option(names = "--reference", paramLabel = "PROFILE",
            description = "A reference profile, or a directory of them; without one, reports have no drift.")
    private Path reference;

    @Option(names = "--window", defaultValue = "1m", paramLabel = "DURATION", description = "Window size (default ${DEFAULT-VALUE}).")
    private String window;

    @Option(names = "--output", required = true, paramLabel = "REPORTS.jsonl", description = "Where the window reports go.")
    private Path output;

    @Option(names = "--dead-letters", paramLabel = "FILE", description = "Where rejected lines go (default <output>.dead-letter.jsonl).")
    private Path deadLetters;

    @Option(names = "--out-of-orderness", defaultValue = "10s", paramLabel = "DURATION",
            description = "How far out of order events may be (default ${DEFAULT-VALUE}).")
    private String outOfOrderness;

    @Option(names = "--allowed-lateness", defaultValue = "0s", paramLabel = "DURATION",
            description = "Late events within this update their window (default ${DEFAULT-VALUE}).")
    private String allowedLateness;

    @Option(names = "--shards", defaultValue = "4", description = "Keys per model version and window over which partials merge (default ${DEFAULT-VALUE}).")
    private int shards;

    @Option(names = "--parallelism", defaultValue = "2",
            description = "Parallel instances of each operator, 1 to " + MAX_PARALLELISM + " (default ${DEFAULT-VALUE}).")
    private int parallelism;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path deadLetterFile = deadLetters != null ? deadLetters
                : output.resolveSibling(output.getFileName() + ".dead-letter.jsonl");
        MonitoringConfig config;
        ModelCatalog catalog;
        try {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("--parallelism must be between 1 and " + MAX_PARALLELISM
                        + ", got " + parallelism);
            }
            for (Path input : labels == null ? List.of(predictions) : List.of(predictions, labels)) {
                if (!Files.isRegularFile(input)) {
                    throw new ConfigException(input + ": no such file");
                }
            }
            if (labels != null && OutputFiles.sameFile(labels, predictions)) {
                throw new IllegalArgumentException("--labels " + labels + " is the same file as --predictions "
                        + predictions + "; each line would be read twice, as a prediction and as a label");
            }
            new OutputFiles().input("--predictions", predictions).input("--labels", labels).input("--reference", reference)
                    .output("--output", output)
                    .output(deadLetters != null ? "--dead-letters" : "the dead letters' file", deadLetterFile)
                    .check();
            config = MonitoringConfig.load(null, overrides());
            catalog = MonitoringJob.catalog(config);
        } catch (ConfigException e) {
            CliErrors.print(spec.commandLine(), CliErrors.joined(e));
            return ExitCode.USAGE;
        } catch (DatasetException | IllegalArgumentException e) {
            CliErrors.print(spec.commandLine(), e.getMessage());
            return ExitCode.USAGE;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                parallelism, FlinkSettings.of(config.checkpoints()));
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config),
                Connectors.labelsSource(config),
                reports -> reports.sinkTo(new JsonLinesFile<>(output, new WindowReportSerializationSchema()))
                        .setParallelism(1).name("reports to " + output),
                rejected -> rejected.sinkTo(new JsonLinesFile<>(deadLetterFile, new DeadLetterSerializationSchema()))
                        .setParallelism(1).name("dead letters to " + deadLetterFile));
        env.execute("modelwatch monitor");
        err.println("modelwatch monitor: " + lines(output) + " window reports written to " + output + "; "
                + lines(deadLetterFile) + " dead letters written to " + deadLetterFile);
        err.flush();
        return ExitCode.OK;
    }

    private Map<String, String> overrides() throws ConfigException {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("source.type", "file");
        overrides.put("source.path", predictions.toString());
        overrides.put("window", duration("--window", window));
        overrides.put("out-of-orderness", duration("--out-of-orderness", outOfOrderness));
        overrides.put("allowed-lateness", duration("--allowed-lateness", allowedLateness));
        overrides.put("shards", Integer.toString(shards));
        overrides.put("watermarks", "per-event");
        overrides.put("sinks.kafka", "false");
        overrides.put("checkpoints.interval", "0s");
        if (reference != null) {
            overrides.put("reference", reference.toString());
        }
        if (labels != null) {
            overrides.put("source.labels", "file");
            overrides.put("source.labels-path", labels.toString());
        }
        overrides.put("label-join.horizon", duration("--label-horizon", labelHorizon));
        if (regressionModels != null) {
            overrides.put("performance.regression-models", "[" + String.join(", ", regressionModels) + "]");
        }
        overrides.put("concept-drift.detector", conceptDriftDetector);
        return overrides;
    }

    private static String duration(String option, String text) throws ConfigException {
        try {
            Duration duration = Durations.parse(text);
            return Durations.format(duration);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option + ": " + e.getMessage());
        }
    }

    private static long lines(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                for (int i = 0; i < read; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        return lines;
    }
}
