package io.modelwatch.monitoring;

import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.monitoring.aggregate.EmitPartial;
import io.modelwatch.monitoring.aggregate.LateObservations;
import io.modelwatch.monitoring.aggregate.MergePartials;
import io.modelwatch.monitoring.aggregate.ModelKey;
import io.modelwatch.monitoring.aggregate.ObserveEvents;
import io.modelwatch.monitoring.aggregate.Observation;
import io.modelwatch.monitoring.aggregate.ObservationWindows;
import io.modelwatch.monitoring.aggregate.PartialAggregate;
import io.modelwatch.monitoring.aggregate.PartialWindow;
import io.modelwatch.monitoring.aggregate.PartialsNeverIdle;
import io.modelwatch.monitoring.aggregate.ReportNote;
import io.modelwatch.monitoring.aggregate.ShardKey;
import io.modelwatch.monitoring.aggregate.WindowAccumulatorTypeInfo;
import io.modelwatch.monitoring.config.ConfigException;
import io.modelwatch.monitoring.config.ConfigLoader;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.groundtruth.ClassifierOutcomes;
import io.modelwatch.monitoring.groundtruth.ConceptDriftDetection;
import io.modelwatch.monitoring.groundtruth.InlineOutcomes;
import io.modelwatch.monitoring.groundtruth.LabelJoin;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.groundtruth.ModelVersion;
import io.modelwatch.monitoring.ingest.DecodedRecord;
import io.modelwatch.monitoring.ingest.EventTimeWatermarks;
import io.modelwatch.monitoring.ingest.EventTimestamps;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.ingest.IncomingLabel;
import io.modelwatch.monitoring.ingest.RouteEvents;
import io.modelwatch.monitoring.ingest.RouteLabels;
import io.modelwatch.monitoring.metrics.ReportGauges;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.sink.ReportTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The monitoring job (DESIGN.md section 4.1): prediction events → per model version and tumbling
 * event-time window, partial aggregates per shard → merged, drift against the reference →
 * window reports; labels joined with the predictions → outcomes, aggregated in the window their
 * label became known (performance) and fed to a concept-drift detector per model version; bad,
 * orphaned and too-late records → dead letters. {@link #main} reads the configuration
 * ({@code --config FILE} and {@code --key value} overrides, see {@code monitoring-defaults.yaml})
 * and submits the job; {@link #defineWorkflow} is the job itself, with sources and sinks passed in.
 */
public final class MonitoringJob {
    /** The job's name on a cluster; Prometheus labels its metrics job_name="modelwatch_monitoring". */
    public static final String JOB_NAME = "modelwatch-monitoring";
    private static final String GENERATOR = "generator";
    static final OutputTag<Observation> LATE = new OutputTag<>("late-observations") {};

    private MonitoringJob() {}

    public static void main(String[] args) throws Exception {
        MonitoringConfig config;
        ModelCatalog catalog;
        try {
            config = ConfigLoader.fromArgs(args);
            if (!config.hasReportSink()) {
                throw new ConfigException("config: sinks: no sink for the reports; enable sinks.kafka or sinks.console, "
                        + "or set sinks.reports-directory");
            }
            catalog = catalog(config);
        } catch (ConfigException | DatasetException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        if (config.sinks().console()) {
            System.out.println(ReportTable.HEADER);
        }
        defineWorkflow(env, config, catalog, Connectors.source(config, catalog), Connectors.labelsSource(config),
                Connectors.reportSink(config), Connectors.deadLetterSink(config));
        env.execute(JOB_NAME);
    }

    public static ModelCatalog catalog(MonitoringConfig config) throws DatasetException {
        return config.reference() == null
                ? ModelCatalog.empty(config.limits().accumulators())
                : ModelCatalog.load(Path.of(config.reference()), config.limits().accumulators());
    }

    /** Checkpointing, state backend, and settings every run of the workflow needs. */
    public static Configuration flinkConfiguration(MonitoringConfig config) {
        Configuration flink = new Configuration();
        if (!config.checkpoints().interval().isZero()) {
            flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpoints().interval());
        }
        flink.set(StateBackendOptions.STATE_BACKEND, config.checkpoints().stateBackend());
        if (config.checkpoints().directory() != null) {
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpoints().directory());
        }
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        // No function keeps a reference to a record it was given, so records need not be copied between chained operators.
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        return flink;
    }

    /** The workflow without a labels source: outcomes come from inline {@code actual} only. */
    public static void defineWorkflow(StreamExecutionEnvironment env, MonitoringConfig config, ModelCatalog catalog,
            Source<IncomingEvent, ?, ?> source, Consumer<DataStream<WindowReport>> reportSink,
            Consumer<DataStream<DeadLetter>> deadLetterSink) {
        defineWorkflow(env, config, catalog, source, null, reportSink, deadLetterSink);
    }

    /**
     * @param labels ground truth to join with the predictions by prediction id, or null when there is
     *     no labels source (then only inline {@code actual} gives outcomes, and nothing waits for labels)
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, MonitoringConfig config, ModelCatalog catalog,
            Source<IncomingEvent, ?, ?> source, Source<IncomingLabel, ?, ?> labels,
            Consumer<DataStream<WindowReport>> reportSink, Consumer<DataStream<DeadLetter>> deadLetterSink) {
        SingleOutputStreamOperator<IncomingEvent> records = env
                .fromSource(source, MonitoringJob.<IncomingEvent>watermarks(config), "predictions")
                .uid("predictions-source");
        if (GENERATOR.equals(config.source().type())) {
            // The generator's event time follows its index, and parallel splits take distant index ranges.
            records.setParallelism(1);
        }
        SingleOutputStreamOperator<PredictionEvent> events = records
                .process(new RouteEvents(catalog, config.limits().maxModels()))
                .uid("route-events")
                .name("validate events, admit models");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(RouteEvents.DEAD_LETTERS);

        DataStream<Observation> observations = events.flatMap(new ObserveEvents(labels == null))
                .name(labels == null ? "events and inline outcomes as observations" : "events as observations");
        DataStream<LabeledOutcome> outcomes;
        if (labels == null) {
            outcomes = events.flatMap(new InlineOutcomes()).name("inline outcomes");
        } else {
            SingleOutputStreamOperator<LabelEvent> labelEvents = env
                    .fromSource(labels, MonitoringJob.<IncomingLabel>watermarks(config), "labels")
                    .uid("labels-source")
                    .process(new RouteLabels())
                    .uid("route-labels")
                    .name("validate labels");
            SingleOutputStreamOperator<LabeledOutcome> joined = events
                    .keyBy(PredictionEvent::predictionId, Types.STRING)
                    .connect(labelEvents.keyBy(LabelEvent::predictionId, Types.STRING))
                    .process(new LabelJoin(config.labelJoin().settings(), Connectors.labelsSourceName(config)))
                    .uid("label-join")
                    .name("join labels to predictions");
            deadLetters = deadLetters.union(labelEvents.getSideOutput(RouteLabels.DEAD_LETTERS),
                    joined.getSideOutput(LabelJoin.ORPHANED_LABELS));
            outcomes = joined;
            // With labels the windows also wait for the labels' watermark: fewer events can be late, never more.
            observations = observations.union(joined.map(Observation::of).name("outcomes as observations"));
        }

        SingleOutputStreamOperator<PartialWindow> partials = observations
                .keyBy(new ShardKey.Selector(config.shards()))
                .window(new ObservationWindows(config.window()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE)
                .aggregate(new PartialAggregate(catalog), new EmitPartial(), WindowAccumulatorTypeInfo.INSTANCE,
                        WindowAccumulatorTypeInfo.INSTANCE, TypeInformation.of(PartialWindow.class))
                .uid("partial-windows")
                .name("partial window aggregates per shard");

        SingleOutputStreamOperator<ReportNote> lateNotes = partials.getSideOutput(LATE)
                .process(new LateObservations(Connectors.sourceName(config), Connectors.labelsSourceName(config),
                        config.window(), config.allowedLateness()))
                .uid("late-observations")
                .name("late events and labels to dead letters");
        Set<String> regressionModels = Set.copyOf(config.performance().regressionModels());
        DataStream<ReportNote> conceptDrift = outcomes
                .filter(new ClassifierOutcomes(regressionModels))
                .name("classifier outcomes")
                .keyBy(ModelVersion::of, TypeInformation.of(ModelVersion.class))
                .process(new ConceptDriftDetection(config.conceptDrift().selected()))
                .uid("concept-drift")
                .name("concept-drift detector per model version")
                .map(ReportNote::of)
                .name("concept-drift notes");

        DataStream<WindowReport> reports = partials
                .transform("partials without idle status", TypeInformation.of(PartialWindow.class), new PartialsNeverIdle())
                .uid("partials-never-idle")
                .keyBy(new ModelKey.OfPartial())
                .connect(lateNotes.union(conceptDrift).keyBy(new ModelKey.OfNote()))
                .process(new MergePartials(catalog, config.allowedLateness(), config.datasetDriftThreshold(),
                        regressionModels))
                .uid("merge-partials")
                .name("merge shards, drift, performance, window report");

        reportSink.accept(reports.map(new ReportGauges()).uid("report-gauges").name("latest report as gauges"));
        deadLetterSink.accept(deadLetters.union(lateNotes.getSideOutput(LateObservations.DEAD_LETTERS)));
    }

    /** Bounded out-of-orderness from the records' own times, the same for predictions and labels. */
    private static <T extends DecodedRecord> WatermarkStrategy<T> watermarks(MonitoringConfig config) {
        boolean perEvent = config.watermarks().equals("per-event");
        Duration outOfOrderness = config.outOfOrderness();
        WatermarkStrategy<T> watermarks = WatermarkStrategy
                .<T>forGenerator(context -> new EventTimeWatermarks<>(outOfOrderness, perEvent))
                .withTimestampAssigner(new EventTimestamps<>());
        return config.idleness().isZero() ? watermarks : watermarks.withIdleness(config.idleness());
    }
}
