package io.modelwatch.retraining;

import io.modelwatch.common.config.ConfigException;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.flink.AcceptedRecords;
import io.modelwatch.common.flink.CountedDeadLetters;
import io.modelwatch.common.flink.EventTimeWatermarks;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.flink.JsonLinesFormat;
import io.modelwatch.common.flink.KafkaConnector;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.config.TriggerConfig;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.delivery.CompletedDelivery;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.flink.DeliveryFunction;
import io.modelwatch.retraining.flink.ReportTimeOperator;
import io.modelwatch.retraining.flink.RuleEvaluation;
import io.modelwatch.retraining.flink.TriggerKafka;
import io.modelwatch.retraining.flink.TriggerSettings;
import io.modelwatch.retraining.rules.RuleConfigException;
import io.modelwatch.retraining.rules.RuleSetRecord;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The retraining-trigger job (docs/ARCHITECTURE.md section 6): window reports → rules → decisions → actions.
 * <pre>
 * reports (Kafka model-window-reports | JSON-lines file), watermarks from window ends
 *   → reject bad reports ──→ dead letters (retraining-dead-letter)
 *   → keyBy(model, version) → evaluate rules in window order ──(late)──→ dead letters
 *         ↑ broadcast: rule sets (Kafka retraining-rules, validated as read) ──(invalid)──→ dead letters
 *   → decisions ──→ audit records (retraining-events)
 *   → one request per action (side output) → deliver (async, retried) → outcomes ──→ audit records
 *                                                                     └─(failed)─→ dead letters
 * </pre>
 * The rules file is in force until a rule set from the rules topic arrives (docs/RULES-TOPIC.md).
 */
public final class RetrainingTriggerJob {
    /** The job's name on a cluster; Prometheus labels its metrics job_name="modelwatch_retraining_trigger". */
    public static final String JOB_NAME = "modelwatch-retraining-trigger";
    private RetrainingTriggerJob() {}

    public static void main(String[] args) throws Exception {
        TriggerConfig config;
        TriggerSettings settings;
        DeliverySettings delivery;
        try {
            config = TriggerConfig.fromArgs(args);
            settings = new TriggerSettings(Files.readString(config.rulesFile()), config.outOfOrderness(), config.idleness());
            delivery = config.delivery().settings();
        } catch (ConfigException | RuleConfigException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (NoSuchFileException e) {
            System.err.println("rules: " + e.getFile() + ": no such file");
            System.exit(2);
            return;
        }
        TriggerKafka kafka = new TriggerKafka(new KafkaConnector(config.kafka().settings()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FlinkSettings.of(config.checkpoints()));
        Source<ReportEnvelope, ?, ?> reports = config.reportsFile() == null
                ? kafka.reportSource(config.kafka().reportsTopic()).build()
                : fileSource(Path.of(config.reportsFile()));
        // A run over a file of reports is a backtest: its rules are the file's alone.
        Source<RuleSetRecord, ?, ?> rules = config.reportsFile() == null && config.kafka().rulesTopic() != null
                ? kafka.rulesSource(config.kafka().rulesTopic())
                : null;
        defineWorkflow(env, reports, rules, settings, delivery,
                audit -> kafka.writeAudit(audit, config.kafka().eventsTopic()),
                deadLetters -> kafka.writeDeadLetters(deadLetters, config.kafka().deadLetterTopic()));
        env.execute(JOB_NAME);
    }

    /** A bounded source over a JSON-lines file of reports. */
    public static FileSource<ReportEnvelope> fileSource(Path reports) {
        return JsonLinesFormat.fileSource(reports.toString(), ReportEnvelope::read, ReportEnvelope.class);
    }

    /** The job with the rules file's rules only, as {@link #defineWorkflow(StreamExecutionEnvironment, Source, Source, TriggerSettings, DeliverySettings, Consumer, Consumer)} without a rules topic. */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<ReportEnvelope, ?, ?> reports,
            TriggerSettings settings, DeliverySettings delivery, Consumer<DataStream<AuditRecord>> auditSink,
            Consumer<DataStream<DeadLetter>> deadLetterSink) {
        defineWorkflow(env, reports, null, settings, delivery, auditSink, deadLetterSink);
    }

    /**
     * Defines the job between its sources and sinks, so tests and the {@code trigger} command run
     * exactly what the job runs.
     *
     * @param rules the rules topic, whose rule sets replace the rules file's while the job runs; or
     *     null for the rules file's alone
     * @param auditSink gets an audit record for every decision and for every delivery's final outcome
     * @param deadLetterSink gets rejected reports, reports too late to evaluate in order, invalid rule
     *     sets and failed deliveries
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<ReportEnvelope, ?, ?> reports,
            Source<RuleSetRecord, ?, ?> rules, TriggerSettings settings, DeliverySettings delivery,
            Consumer<DataStream<AuditRecord>> auditSink, Consumer<DataStream<DeadLetter>> deadLetterSink) {
        Evaluated evaluated = evaluate(env, reports, rules, settings);
        SingleOutputStreamOperator<CompletedDelivery> deliveries = AsyncDataStream.unorderedWait(
                        evaluated.decisions().getSideOutput(RuleEvaluation.REQUESTS),
                        new DeliveryFunction(settings.rulesYaml(), delivery),
                        delivery.timeout().toMillis(), TimeUnit.MILLISECONDS, delivery.capacity())
                .returns(TypeInformation.of(CompletedDelivery.class))
                .name("deliver to actions").uid("deliver-to-actions");
        auditSink.accept(evaluated.decisions().map(AuditRecord::decision).name("decision audit records")
                .union(deliveries.map(AuditRecord::delivery).name("delivery audit records")));
        deadLetterSink.accept(CountedDeadLetters.of(evaluated.deadLetters().union(
                deliveries.filter(CompletedDelivery::failed).name("failed deliveries")
                        .map(CompletedDelivery::deadLetter).name("failed delivery dead letters"))));
    }

    /**
     * The job without delivery and with the rules file's rules only: decisions, for backtests and dry runs.
     *
     * @param decisionSink gets every decision, per (model, version) in window order
     * @param deadLetterSink gets rejected reports and reports too late to evaluate in order
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<ReportEnvelope, ?, ?> reports,
            TriggerSettings settings, Consumer<DataStream<Decision>> decisionSink,
            Consumer<DataStream<DeadLetter>> deadLetterSink) {
        Evaluated evaluated = evaluate(env, reports, null, settings);
        decisionSink.accept(evaluated.decisions());
        deadLetterSink.accept(CountedDeadLetters.of(evaluated.deadLetters()));
    }

    /**
     * Rule evaluation with the rules file's rules over reports that already carry event time and
     * watermarks, e.g. straight from the monitoring job in one pipeline. Reports too late to
     * evaluate in order leave through the side output {@link RuleEvaluation#LATE}.
     */
    public static SingleOutputStreamOperator<Decision> decide(DataStream<ReportEnvelope> reports, TriggerSettings settings) {
        return decide(reports, noRuleSets(reports), settings);
    }

    /**
     * Rule evaluation with the rule sets of {@code ruleSets} (valid ones) coming into force as they
     * arrive; each decision's requests leave through the side output {@link RuleEvaluation#REQUESTS}.
     */
    public static SingleOutputStreamOperator<Decision> decide(DataStream<ReportEnvelope> reports,
            DataStream<RuleSetRecord> ruleSets, TriggerSettings settings) {
        return reports
                .keyBy(envelope -> ModelVersionKey.of(envelope.report()), TypeInformation.of(ModelVersionKey.class))
                .connect(ruleSets.broadcast())
                .transform("evaluate rules", TypeInformation.of(Decision.class),
                        new ReportTimeOperator(new RuleEvaluation(settings.rulesYaml())))
                .uid("evaluate-rules");
    }

    private record Evaluated(SingleOutputStreamOperator<Decision> decisions, DataStream<DeadLetter> deadLetters) {}

    private static Evaluated evaluate(StreamExecutionEnvironment env, Source<ReportEnvelope, ?, ?> reports,
            Source<RuleSetRecord, ?, ?> rules, TriggerSettings settings) {
        WatermarkStrategy<ReportEnvelope> windowEnds = EventTimeWatermarks.strategy(settings.outOfOrderness(),
                settings.idleness(), false, null);
        SingleOutputStreamOperator<ReportEnvelope> valid = env.fromSource(reports, windowEnds, "window reports")
                .uid("window-reports-source")
                .process(new AcceptedRecords<>()).name("reject bad reports").uid("reject-bad-reports");
        DataStream<DeadLetter> deadLetters = valid.getSideOutput(AcceptedRecords.DEAD_LETTERS);
        DataStream<RuleSetRecord> ruleSets;
        if (rules == null) {
            ruleSets = noRuleSets(valid);
        } else {
            // One reader for the one partition; each record is validated once, as it is read.
            SingleOutputStreamOperator<RuleSetRecord> validRuleSets = env
                    .fromSource(rules, WatermarkStrategy.noWatermarks(), "rule sets").uid("rule-sets-source")
                    .setParallelism(1)
                    .process(new AcceptedRecords<>()).name("reject invalid rule sets").uid("reject-invalid-rule-sets")
                    .setParallelism(1);
            deadLetters = deadLetters.union(validRuleSets.getSideOutput(AcceptedRecords.DEAD_LETTERS));
            ruleSets = validRuleSets;
        }
        SingleOutputStreamOperator<Decision> decisions = decide(valid, ruleSets, settings);
        return new Evaluated(decisions, deadLetters.union(decisions.getSideOutput(RuleEvaluation.LATE)));
    }

    /**
     * No rule set ever, so the rules file's rules stay in force: a stream that never emits, taken
     * from the reports rather than from a source of its own, so the job has no extra source to
     * finish or to keep state for (Flink's sources of fixed elements fail when given none).
     */
    private static DataStream<RuleSetRecord> noRuleSets(DataStream<ReportEnvelope> reports) {
        return reports.flatMap((ReportEnvelope envelope, Collector<RuleSetRecord> none) -> { })
                .returns(TypeInformation.of(RuleSetRecord.class)).name("no rules topic");
    }
}
