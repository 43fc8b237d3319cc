package io.modelwatch.cli.demo;

import io.modelwatch.cli.command.ActionTargets;
import io.modelwatch.cli.command.CliErrors;
import io.modelwatch.cli.command.ExitCode;
import io.modelwatch.common.config.ConfigException;
import io.modelwatch.common.config.Durations;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.flink.WindowReportSerializationSchema;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.MonitoringJob;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.GeneratedEvents;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.ingest.IncomingLabel;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.retraining.RetrainingTriggerJob;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.flink.TriggerSettings;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.rules.RuleConfigException;
import io.modelwatch.retraining.rules.RuleSetLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code modelwatch demo}: both jobs in one embedded Flink mini cluster, fed by the generator's
 * credit-default traffic, with a drift switched on after a while, so a new user sees a window
 * report every few seconds and the retraining decision the drift causes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The whole loop on one machine: traffic, drift, window reports and retraining decisions.",
        footer = {"", "Needs nothing but Java: no Kafka, no cluster. Stop it with Ctrl-C, or give --duration."})
public final class DemoCommand implements Callable<Integer> {
    /** Labels arrive a while after their predictions, so a window's accuracy covers earlier predictions. */
    static final Duration LABEL_DELAY = Duration.ofSeconds(15);
    /** One machine generates no more than this; a larger rate only overflows the generator's arithmetic. */
    static final long MAX_RATE = 1_000_000;
    static final int MAX_SPEEDUP = 10_000;
    static final String PROMETHEUS_REPORTER = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    @CommandLine.Spec
    private CommandSpec spec;

    @Option(names = "--rate", paramLabel = "N", description = "Predictions per second (default: ${DEFAULT-VALUE}).")
    long rate = 200;

    @Option(names = "--window", paramLabel = "DURATION", description = "Report window (default: ${DEFAULT-VALUE}).")
    String window = "10s";

    @Option(names = "--drift-after", paramLabel = "DURATION",
            description = "When the drift starts: income falls, utilization rises, the region mix and the labels change "
                    + "(default: ${DEFAULT-VALUE}).")
    String driftAfter = "60s";

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this much traffic (default: run until Ctrl-C).")
    String duration;

    @Option(names = "--speedup", paramLabel = "X",
            description = "Replay X seconds of traffic per second of wall time (default: ${DEFAULT-VALUE}).")
    int speedup = 1;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the traffic generator (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--rules", paramLabel = "RULES.yaml",
            description = "Retraining rules (default: deploy/rules/default-rules.yaml of this installation).")
    Path rules;

    @Option(names = "--ui-port", paramLabel = "PORT", description = "Flink web UI port (default: ${DEFAULT-VALUE}).")
    int uiPort = 8081;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Prometheus metrics port (default: ${DEFAULT-VALUE}).")
    int metricsPort = 9249;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Where the run's window reports (reports.jsonl) and retraining decisions (decisions.jsonl) go,"
                    + " replaced at start, for 'modelwatch report --windows' (default: ${DEFAULT-VALUE} in the current directory).")
    Path outDir = Path.of("modelwatch-demo");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DemoSettings settings;
        try {
            settings = settings();
        } catch (ConfigException e) {
            CliErrors.print(spec.commandLine(), CliErrors.joined(e));
            return ExitCode.USAGE;
        } catch (IOException e) {
            CliErrors.print(spec.commandLine(), CliErrors.ioProblem(e));
            return ExitCode.USAGE;
        } catch (IllegalArgumentException | RuleConfigException e) {
            CliErrors.print(spec.commandLine(), e.getMessage());
            return ExitCode.USAGE;
        }
        DemoFiles files = DemoFiles.in(outDir);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            spec.commandLine().getErr().println("modelwatch demo: " + outDir + ": cannot create the directory (" + e + ")");
            spec.commandLine().getErr().flush();
            return ExitCode.USAGE;
        }
        StreamExecutionEnvironment env = environment(settings.monitoring());
        DataStream<String> console = defineDemo(env, settings, files);
        banner(out, settings, files);
        AtomicBoolean toldTheTimeline = new AtomicBoolean();
        try (CloseableIterator<String> lines = console.executeAndCollect("modelwatch-demo")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                closeQuietly(lines);
                timelineHint(out, files, toldTheTimeline);
            }));
            out.println(DemoConsole.HEADER);
            out.flush();
            while (lines.hasNext()) {
                out.println(lines.next());
                out.flush();
            }
        }
        timelineHint(out, files, toldTheTimeline);
        return ExitCode.OK;
    }

    /** Once, at the end (or on Ctrl-C): the command that turns this run's reports and decisions into a timeline. */
    private static void timelineHint(PrintWriter out, DemoFiles files, AtomicBoolean told) {
        if (told.compareAndSet(false, true)) {
            out.printf("%nThe run's window reports and decisions are in %s and %s. Their story over time:%n  %s%n",
                    files.reports(), files.decisions(), files.reportCommand(launcher()));
            out.flush();
        }
    }

    /** bin/modelwatch as the user can type it: relative when they are in the installation's directory. */
    static String launcher() {
        String home = System.getProperty("modelwatch.home");
        if (home == null) {
            return "modelwatch";
        }
        Path script = Path.of(home, "bin", "modelwatch").toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return script.startsWith(here) ? here.relativize(script).toString() : script.toString();
    }

    /** Everything the demo's workflow needs, checked before anything starts. */
    record DemoSettings(MonitoringConfig monitoring, GeneratorConfig traffic, long events, int speedup,
            String rulesYaml, Path rulesFile, int uiPort, int metricsPort) {}

    DemoSettings settings() throws ConfigException, IOException {
        if (rate < 1 || speedup < 1) {
            throw new IllegalArgumentException("--rate and --speedup must be at least 1");
        }
        if (rate > MAX_RATE || speedup > MAX_SPEEDUP) {
            throw new IllegalArgumentException("--rate must be at most " + MAX_RATE + " and --speedup at most " + MAX_SPEEDUP);
        }
        for (int port : new int[] {uiPort, metricsPort}) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--ui-port and --metrics-port must be port numbers (1-65535), got " + port);
            }
        }
        MonitoringConfig monitoring = MonitoringConfig.fromArgs("--window", window, "--shards", "2",
                "--out-of-orderness", "1s", "--idleness", "0s", "--source.type", "generator",
                "--label-join.horizon", "10m",
                "--sinks.kafka", "false", "--checkpoints.interval", "0s");
        Duration drift = parse("--drift-after", driftAfter);
        long events = duration == null ? Long.MAX_VALUE : events(parse("--duration", duration));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        GeneratorConfig traffic = GeneratorConfig.DEFAULTS.withSeed(seed).withEventsPerSecond(rate).withStart(start)
                .withDriftAfter(drift).withLabelDelayMean(LABEL_DELAY);
        Path rulesFile = rules != null ? rules : defaultRules();
        if (!Files.isRegularFile(rulesFile)) {
            throw new IllegalArgumentException(rulesFile + ": no such rules file");
        }
        String rulesYaml = Files.readString(rulesFile, StandardCharsets.UTF_8);
        RuleSetLoader.parse(rulesYaml);
        ActionTargets.validate(rulesYaml);
        return new DemoSettings(monitoring, traffic, events, speedup, rulesYaml, rulesFile, uiPort, metricsPort);
    }

    /** Events in {@code length} of traffic at the rate; a length too long to count is as good as no bound. */
    private long events(Duration length) {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        try {
            return Math.max(1, Math.multiplyExact(length.toMillis(), rate) / 1000);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Path defaultRules() {
        String home = System.getProperty("modelwatch.home", ".");
        return Path.of(home, "deploy", "rules", "default-rules.yaml");
    }

    private static Duration parse(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private StreamExecutionEnvironment environment(MonitoringConfig monitoring) {
        Configuration flink = FlinkSettings.of(monitoring.checkpoints());
        flink.set(RestOptions.PORT, uiPort);
        flink.set(RestOptions.ADDRESS, "localhost");
        flink.setString("metrics.reporter.prom.factory.class", PROMETHEUS_REPORTER);
        flink.setString("metrics.reporter.prom.port", String.valueOf(metricsPort));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        // The generator's event time follows its index: one source keeps the traffic in time order.
        env.setParallelism(1);
        return env;
    }

    /** The demo's pipeline: generated traffic → monitoring job → reports → trigger job → decisions, all as console lines. */
    static DataStream<String> defineDemo(StreamExecutionEnvironment env, DemoSettings settings) {
        return defineDemo(env, settings, null);
    }

    /** The demo's pipeline, with its reports and decisions also written to {@code files} when not null. */
    static DataStream<String> defineDemo(StreamExecutionEnvironment env, DemoSettings settings, DemoFiles files) {
        TrafficGenerator generator = new TrafficGenerator(settings.traffic());
        ModelCatalog catalog = ModelCatalog.of(List.of(DemoReference.profile(settings.traffic(), Clock.systemUTC())),
                settings.monitoring().limits().accumulators());
        double perSecond = (double) settings.traffic().eventsPerSecond() * settings.speedup();
        DataGeneratorSource<IncomingEvent> traffic = new DataGeneratorSource<>(new GeneratedEvents(generator),
                settings.events(), RateLimiterStrategy.perSecond(perSecond), TypeInformation.of(IncomingEvent.class));
        long labelCount = settings.events() == Long.MAX_VALUE ? Long.MAX_VALUE
                : GeneratedLabels.labelsAmong(generator, settings.events());
        DataGeneratorSource<IncomingLabel> labels = new DataGeneratorSource<>(new GeneratedLabels(generator),
                labelCount, RateLimiterStrategy.perSecond(perSecond), TypeInformation.of(IncomingLabel.class));
        List<DataStream<WindowReport>> monitored = new ArrayList<>(1);
        MonitoringJob.defineWorkflow(env, settings.monitoring(), catalog, traffic, labels, monitored::add, deadLetters -> {});
        DataStream<WindowReport> reports = monitored.get(0);
        // Reports arrive in window order from one merge step; the watermarks come with them.
        TriggerSettings trigger = new TriggerSettings(settings.rulesYaml(), Duration.ZERO, Duration.ofMinutes(1));
        DataStream<Decision> decisions = RetrainingTriggerJob.decide(reports
                .map(report -> new ReportEnvelope("monitoring-job", -1, -1, report, null))
                .returns(TypeInformation.of(ReportEnvelope.class)).name("reports to the trigger job"), trigger);
        if (files != null) {
            reports.sinkTo(new FlushedJsonLines<>(files.reports(), new WindowReportSerializationSchema()))
                    .setParallelism(1).name("reports to " + files.reports());
            decisions.sinkTo(new FlushedJsonLines<>(files.decisions(), new DemoFiles.DecisionRecords()))
                    .setParallelism(1).name("decisions to " + files.decisions());
        }
        return reports.map(DemoConsole::row).returns(Types.STRING).name("report rows")
                .union(decisions.map(new DecisionPreview(settings.rulesYaml())).returns(Types.STRING).name("decision previews"));
    }

    private static void banner(PrintWriter out, DemoSettings settings, DemoFiles files) {
        GeneratorConfig traffic = settings.traffic();
        out.printf("ModelWatch demo — %s@%s, %d predictions/s%s, reports every %s of event time%n",
                TrafficGenerator.MODEL, TrafficGenerator.MODEL_VERSION, traffic.eventsPerSecond(),
                settings.speedup() > 1 ? " replayed " + settings.speedup() + "× faster" : "",
                settings.monitoring().window().toString().substring(2).toLowerCase(Locale.ROOT));
        out.printf("Reference: %d rows of the same traffic before drift. Drift starts at %s (event time).%n",
                DemoReference.ROWS, traffic.start().plus(traffic.driftAfter()));
        out.printf("Rules: %s%n", settings.rulesFile());
        out.printf("Reports and decisions, as JSON lines: %s, %s%n", files.reports(), files.decisions());
        out.printf("Flink web UI: http://localhost:%d   Prometheus metrics: http://localhost:%d/metrics   Stop: Ctrl-C%n%n",
                settings.uiPort(), settings.metricsPort());
        out.flush();
    }

    private static void closeQuietly(CloseableIterator<String> lines) {
        try {
            lines.close();
        } catch (Exception e) {
            // shutting down anyway; the job is cancelled with the iterator
        }
    }
}
