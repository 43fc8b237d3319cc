package io.modelwatch.retraining;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.flink.BadReportFilter;
import io.modelwatch.retraining.flink.ReportLinesFormat;
import io.modelwatch.retraining.flink.RuleEvaluation;
import io.modelwatch.retraining.flink.TriggerKafka;
import io.modelwatch.retraining.flink.TriggerSettings;
import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The retraining-trigger job (DESIGN section 6): window reports → rules → decisions.
 * <pre>
 * reports (Kafka model-window-reports | JSON-lines file), watermarks from window ends
 *   → reject bad reports ──→ dead letters (retraining-dead-letter)
 *   → keyBy(model, version) → evaluate rules in window order ──(late)──→ dead letters
 *   → decisions → audit records (retraining-events)
 * </pre>
 */
public final class RetrainingTriggerJob {
    private RetrainingTriggerJob() {}

    public static void main(String[] args) throws Exception {
        TriggerJobConfig config = TriggerJobConfig.fromArgs(args);
        TriggerSettings settings = new TriggerSettings(Files.readString(config.rules()), config.outOfOrderBound(),
                config.idleTimeout());
        TriggerKafka kafka = new TriggerKafka(config.bootstrapServers(), config.kafkaProperties(),
                config.checkpointInterval().isPresent());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        config.checkpointInterval().ifPresent(interval ->
                env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE));
        Source<ReportEnvelope, ?, ?> reports = config.reportsFile()
                .<Source<ReportEnvelope, ?, ?>>map(RetrainingTriggerJob::fileSource)
                .orElseGet(() -> kafka.reportSource(config.reportsTopic(), config.groupId()).build());
        defineWorkflow(env, reports, settings,
                decisions -> kafka.writeAudit(decisions, config.eventsTopic()),
                deadLetters -> kafka.writeDeadLetters(deadLetters, config.deadLetterTopic()));
        env.execute("ModelWatch retraining trigger");
    }

    /** A bounded source over a JSON-lines file of reports. */
    public static FileSource<ReportEnvelope> fileSource(Path reports) {
        return FileSource.forRecordStreamFormat(new ReportLinesFormat(reports.toString()),
                new org.apache.flink.core.fs.Path(reports.toUri())).build();
    }

    /**
     * Defines the job between its source and sinks, so tests and the {@code trigger} command run
     * exactly what the job runs.
     *
     * @param decisionSink gets every decision, per (model, version) in window order
     * @param deadLetterSink gets rejected reports and reports too late to evaluate in order
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<ReportEnvelope, ?, ?> reports,
            TriggerSettings settings, Consumer<DataStream<Decision>> decisionSink,
            Consumer<DataStream<DeadLetter>> deadLetterSink) {
        WatermarkStrategy<ReportEnvelope> windowEnds = WatermarkStrategy
                .<ReportEnvelope>forBoundedOutOfOrderness(settings.outOfOrderBound())
                .withTimestampAssigner((envelope, recordTimestamp) -> envelope.eventTime())
                .withIdleness(settings.idleTimeout());
        SingleOutputStreamOperator<ReportEnvelope> valid = env.fromSource(reports, windowEnds, "window reports")
                .uid("window-reports-source")
                .process(new BadReportFilter()).name("reject bad reports").uid("reject-bad-reports");
        SingleOutputStreamOperator<Decision> decisions = valid
                .keyBy(envelope -> ModelVersionKey.of(envelope.report()), TypeInformation.of(ModelVersionKey.class))
                .process(new RuleEvaluation(settings.rulesYaml())).name("evaluate rules").uid("evaluate-rules");
        decisionSink.accept(decisions);
        deadLetterSink.accept(valid.getSideOutput(BadReportFilter.REJECTED).union(decisions.getSideOutput(RuleEvaluation.LATE)));
    }
}
