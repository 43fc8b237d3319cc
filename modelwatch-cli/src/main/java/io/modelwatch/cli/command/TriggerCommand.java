package io.modelwatch.cli.command;

import io.modelwatch.common.config.Checkpoints;
import io.modelwatch.common.flink.ControlTopicException;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.retraining.RetrainingTriggerJob;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.flink.TriggerSettings;
import io.modelwatch.retraining.rules.RuleConfigException;
import io.modelwatch.retraining.action.ActionConfigException;
import io.modelwatch.common.dataset.Utf8;
import java.nio.charset.CharacterCodingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelwatch trigger}: the retraining-trigger workflow over a file of past reports, in an
 * embedded Flink mini cluster — what the rules decide, and unless {@code --dry-run} the actions
 * called as the job calls them. Stdout carries one JSON object per decision and nothing else;
 * stderr one line per delivery outcome and per skipped (unreadable) report line.
 */
@Command(name = "trigger",
        mixinStandardHelpOptions = true,
        description = {"Backtest retraining rules over past window reports.",
                "Prints one JSON object per decision, in window order, and calls the rules' actions",
                "(one line per delivery outcome on stderr) unless --dry-run is given.",
                "With --publish-rules: validate a rules file and publish it to the running trigger job's rules topic."})
public final class TriggerCommand implements Callable<Integer> {

    /**
     * A backtest has every report up front, so it orders them all: with a bound wider than any
     * report history no report is ever too late, and the result does not depend on timing.
     */
    private static final Duration WHOLE_HISTORY = Duration.ofDays(365L * 100);
    private static final Comparator<AuditRecord> WINDOW_ORDER = Comparator.comparing(AuditRecord::windowEnd)
            .thenComparing(AuditRecord::model).thenComparing(AuditRecord::modelVersion);

    @Option(names = "--reports", paramLabel = "REPORTS.jsonl",
            description = "Window reports, one JSON object per line (docs/ARCHITECTURE.md section 3). Required for a backtest.")
    private Path reports;

    @Option(names = "--rules", paramLabel = "RULES.yaml", description = "Rules and actions. Required for a backtest.")
    private Path rules;

    @Option(names = "--publish-rules", paramLabel = "RULES.yaml",
            description = "Validate this rules file as the job does and publish it to the rules topic (nothing is "
                    + "published when it is invalid); prints topic, partition and offset. Needs --bootstrap-servers.")
    private Path publishRules;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka, for --publish-rules.")
    private String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "retraining-rules",
            description = "The rules topic, for --publish-rules (default: ${DEFAULT-VALUE}); created compacted when missing.")
    private String topic;

    @Option(names = "--dry-run", description = "Call no action, so no secret needs to be set.")
    private boolean dryRun;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (publishRules != null) {
            return publish();
        }
        if (reports == null || rules == null) {
            return fail("--reports and --rules are required for a backtest (or --publish-rules to publish rules)");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(reports)) {
            return fail(reports + (Files.isDirectory(reports) ? ": is a directory, not a file" : ": no such file"));
        }
        if (Files.isDirectory(rules)) {
            return fail(rules + ": is a directory, not a rules file");
        }
        TriggerSettings settings;
        try {
            String yaml = Files.readString(rules);
            settings = new TriggerSettings(yaml, WHOLE_HISTORY, Duration.ofMinutes(1));
            ActionTargets.validate(yaml);
        } catch (CharacterCodingException e) {
            return fail(Utf8.notUtf8(rules).getMessage());
        } catch (IOException e) {
            return fail("cannot read the rules file: " + CliErrors.ioProblem(e));
        } catch (RuleConfigException | ActionConfigException e) {
            return fail(rules + ": " + e.getMessage());
        }
        List<BacktestOutput> outputs = run(settings);
        // Failed deliveries are dead letters too, but their delivery lines already tell of them.
        outputs.stream().map(BacktestOutput::deadLetter)
                .filter(letter -> letter != null && letter.sourceTopic().equals(reports.toString()))
                .sorted(Comparator.comparingLong(DeadLetter::offset))
                .forEach(letter -> CliErrors.print(spec.commandLine(), reports + " line " + letter.offset() + ": "
                        + letter.error() + " (skipped)"));
        // Each model's records arrive in window order; a stable sort puts the models' streams together.
        List<AuditRecord> records = outputs.stream().map(BacktestOutput::record).filter(Objects::nonNull)
                .sorted(WINDOW_ORDER).toList();
        records.stream().filter(record -> record.kind().equals(AuditRecord.DELIVERY))
                .forEach(delivery -> CliErrors.print(spec.commandLine(), "delivery " + delivery.idempotencyKey() + " to "
                        + delivery.action() + " (" + delivery.targetType() + "): " + delivery.outcome() + " after "
                        + delivery.attempts() + " attempt(s): " + delivery.detail()));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        records.stream().filter(record -> record.kind().equals(AuditRecord.DECISION))
                .forEach(decision -> out.println(DecisionLine.of(decision).toJson()));
        out.flush();
        return ExitCode.OK;
    }

    private int publish() {
        if (reports != null || rules != null || dryRun) {
            return fail("--publish-rules publishes a rules file; it takes no --reports, --rules or --dry-run");
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            return fail("--publish-rules needs --bootstrap-servers HOST:PORT");
        }
        if (Files.isDirectory(publishRules)) {
            return fail(publishRules + ": is a directory, not a rules file");
        }
        RecordMetadata written;
        try {
            written = RulesPublication.publish(Files.readString(publishRules), bootstrapServers, topic);
        } catch (CharacterCodingException e) {
            return fail(Utf8.notUtf8(publishRules).getMessage());
        } catch (IOException e) {
            return fail("cannot read the rules file: " + CliErrors.ioProblem(e));
        } catch (RuleConfigException | ActionConfigException e) {
            return fail(publishRules + ": " + e.getMessage() + " (nothing published)");
        } catch (ControlTopicException e) {
            return fail(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("published " + publishRules + " to topic " + written.topic() + ", partition " + written.partition()
                + ", offset " + written.offset());
        out.flush();
        return ExitCode.OK;
    }

    private int fail(String message) {
        CliErrors.print(spec.commandLine(), message);
        return ExitCode.USAGE;
    }

    private List<BacktestOutput> run(TriggerSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(FlinkSettings.of(Checkpoints.NONE));
        List<DataStream<BacktestOutput>> outputs = new ArrayList<>();
        Consumer<DataStream<DeadLetter>> deadLetterSink =
                deadLetters -> outputs.add(deadLetters.map(BacktestOutput::of).name("dead letters"));
        if (dryRun) {
            RetrainingTriggerJob.defineWorkflow(env, RetrainingTriggerJob.fileSource(reports), settings,
                    decisions -> outputs.add(decisions.map(AuditRecord::decision).map(BacktestOutput::of).name("decisions")),
                    deadLetterSink);
        } else {
            RetrainingTriggerJob.defineWorkflow(env, RetrainingTriggerJob.fileSource(reports), settings,
                    DeliverySettings.defaults(),
                    audit -> outputs.add(audit.map(BacktestOutput::of).name("audit records")),
                    deadLetterSink);
        }
        List<BacktestOutput> collected = new ArrayList<>();
        try (CloseableIterator<BacktestOutput> results =
                outputs.get(0).union(outputs.get(1)).executeAndCollect("modelwatch trigger " + reports)) {
            results.forEachRemaining(collected::add);
        }
        return collected;
    }
}
