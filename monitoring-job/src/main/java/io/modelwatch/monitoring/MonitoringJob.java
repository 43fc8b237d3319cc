package io.modelwatch.monitoring;

import io.modelwatch.common.config.ConfigException;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.event.LabelEvent;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.flink.AcceptedRecords;
import io.modelwatch.common.flink.CountedDeadLetters;
import io.modelwatch.common.flink.EventTimeWatermarks;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.flink.WindowGrid;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.AdmitModels;
import io.modelwatch.monitoring.flink.AdmitModelsOfStartProfiles;
import io.modelwatch.monitoring.flink.BroadcastWithEventTimeOfFirstInput;
import io.modelwatch.monitoring.flink.ClassifierOutcomes;
import io.modelwatch.monitoring.flink.ConceptDriftDetection;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.flink.EmitPartial;
import io.modelwatch.monitoring.flink.InlineOutcomes;
import io.modelwatch.monitoring.flink.JoinablePredictions;
import io.modelwatch.monitoring.flink.LabelJoin;
import io.modelwatch.monitoring.flink.LateObservations;
import io.modelwatch.monitoring.flink.LatePartials;
import io.modelwatch.monitoring.flink.LocalWindows;
import io.modelwatch.monitoring.flink.MergePartials;
import io.modelwatch.monitoring.flink.ModelKeySelectors;
import io.modelwatch.monitoring.flink.Observation;
import io.modelwatch.monitoring.flink.ObserveEvents;
import io.modelwatch.monitoring.flink.PartialAggregate;
import io.modelwatch.monitoring.flink.PartialWindow;
import io.modelwatch.monitoring.flink.NeverIdle;
import io.modelwatch.monitoring.flink.ProfileNotes;
import io.modelwatch.monitoring.flink.ProfileUpdates;
import io.modelwatch.monitoring.flink.ReportGauges;
import io.modelwatch.monitoring.flink.ReportNote;
import io.modelwatch.monitoring.flink.ReportTable;
import io.modelwatch.monitoring.flink.ShardKeySelector;
import io.modelwatch.monitoring.flink.WindowAccumulatorTypeInfo;
import io.modelwatch.monitoring.groundtruth.LabeledOutcome;
import io.modelwatch.monitoring.groundtruth.ModelVersion;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.ingest.IncomingLabel;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.reference.ProfileUpdate;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The monitoring job (docs/ARCHITECTURE.md section 4.1): prediction events → per model version and tumbling
 * event-time window, pre-aggregated where events are decoded, partials merged per shard and then
 * per model version, drift against the reference →
 * window reports; labels joined with the predictions → outcomes, aggregated in the window their
 * label became known (performance) and fed to a concept-drift detector per model version; bad,
 * orphaned and too-late records → dead letters. Reference profiles published while the job runs
 * (compacted topic {@code model-profiles}) are broadcast to the admitting step, which passes them on
 * with the events to the pre-aggregation and, as notes, to the merge (README "Adding a model"). {@link #main} reads the configuration
 * ({@code --config FILE} and {@code --key value} overrides, see monitoring-job/src/main/resources/io/modelwatch/monitoring/config/monitoring-defaults.yaml)
 * and submits the job; {@link #defineWorkflow} is the job itself, with sources and sinks passed in.
 */
public final class MonitoringJob {
    /** The job's name on a cluster; Prometheus labels its metrics job_name="modelwatch_monitoring". */
    public static final String JOB_NAME = "modelwatch-monitoring";
    private static final String GENERATOR = "generator";
    static final OutputTag<Observation> LATE = new OutputTag<>("late-observations") {};
    static final OutputTag<PartialWindow> LATE_PARTIALS = new OutputTag<>("late-partials") {};

    private MonitoringJob() {}

    public static void main(String[] args) throws Exception {
        MonitoringConfig config;
        ModelCatalog catalog;
        try {
            config = MonitoringConfig.fromArgs(args);
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
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config.checkpoints()));
        if (config.sinks().console()) {
            System.out.println(ReportTable.HEADER);
        }
        defineWorkflow(env, config, catalog, Connectors.source(config), Connectors.labelsSource(config),
                Connectors.profilesSource(config), Connectors.reportSink(config), Connectors.deadLetterSink(config));
        env.execute(JOB_NAME);
    }

    public static ModelCatalog catalog(MonitoringConfig config) throws DatasetException {
        return config.reference() == null
                ? ModelCatalog.empty(config.limits().accumulators())
                : ModelCatalog.load(Path.of(config.reference()), config.limits().accumulators());
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
        defineWorkflow(env, config, catalog, source, labels, null, reportSink, deadLetterSink);
    }

    /**
     * @param labels ground truth to join with the predictions by prediction id, or null when there is
     *     no labels source (then only inline {@code actual} gives outcomes, and nothing waits for labels)
     * @param profiles reference profiles added while the job runs, over those of {@code catalog}, or
     *     null when there are none
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, MonitoringConfig config, ModelCatalog catalog,
            Source<IncomingEvent, ?, ?> source, Source<IncomingLabel, ?, ?> labels, Source<ProfileUpdate, ?, ?> profiles,
            Consumer<DataStream<WindowReport>> reportSink, Consumer<DataStream<DeadLetter>> deadLetterSink) {
        SingleOutputStreamOperator<IncomingEvent> records = env
                .fromSource(source, MonitoringJob.<IncomingEvent>watermarks(config, labels == null), "predictions")
                .uid("predictions-source");
        SingleOutputStreamOperator<IncomingEvent> decoded = records
                .process(new AcceptedRecords<>())
                .uid("valid-events")
                .name("valid events");
        if (GENERATOR.equals(config.source().type())) {
            // The generator's event time follows its index, and parallel splits take distant index ranges.
            records.setParallelism(1);
        }
        SingleOutputStreamOperator<Observation> events;
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(AcceptedRecords.DEAD_LETTERS);
        if (profiles == null) {
            events = decoded
                    .process(new AdmitModelsOfStartProfiles(catalog, config.limits().maxModels()))
                    .name("admit models, count predictions");
        } else {
            ProfileUpdates profileUpdates = ProfileUpdates.of(env, profiles);
            events = decoded
                    .connect(profileUpdates.updates().broadcast())
                    .transform("admit models, count predictions, profile updates", TypeInformation.of(Observation.class),
                            new BroadcastWithEventTimeOfFirstInput<>(new AdmitModels(catalog, config.limits().maxModels()),
                                    List.of(AdmitModels.PROFILED)));
            deadLetters = deadLetters.union(profileUpdates.deadLetters());
        }
        events.uid("route-events"); // the uid of the admitted models' state since the first release
        deadLetters = deadLetters.union(events.getSideOutput(AdmitModels.DEAD_LETTERS));

        SingleOutputStreamOperator<PartialWindow> eventPartials = events
                .flatMap(new ObserveEvents(labels == null))
                .name(labels == null ? "events and inline outcomes as observations" : "events as observations")
                .transform("local windows of events", TypeInformation.of(PartialWindow.class), localWindows(config, catalog))
                .uid("local-windows");
        DataStream<PartialWindow> localPartials = eventPartials;
        DataStream<Observation> lateObservations = eventPartials.getSideOutput(LATE);
        deadLetters = deadLetters.union(eventPartials.getSideOutput(LocalWindows.DEAD_LETTERS));
        DataStream<LabeledOutcome> outcomes;
        if (labels == null) {
            outcomes = events.flatMap(new InlineOutcomes()).name("inline outcomes");
        } else {
            SingleOutputStreamOperator<IncomingLabel> decodedLabels = env
                    .fromSource(labels, MonitoringJob.<IncomingLabel>watermarks(config, false), "labels")
                    .uid("labels-source")
                    .process(new AcceptedRecords<>())
                    .uid("valid-labels")
                    .name("valid labels");
            DataStream<LabelEvent> labelEvents = decodedLabels.map(IncomingLabel::label).name("labels");
            SingleOutputStreamOperator<LabeledOutcome> joined = events
                    .flatMap(new JoinablePredictions())
                    .name("predictions to join")
                    .keyBy(PredictionEvent::predictionId, Types.STRING)
                    .connect(labelEvents.keyBy(LabelEvent::predictionId, Types.STRING))
                    .process(new LabelJoin(config.labelJoin().settings(), Connectors.labelsSourceName(config)))
                    .uid("label-join")
                    .name("join labels to predictions");
            deadLetters = deadLetters.union(decodedLabels.getSideOutput(AcceptedRecords.DEAD_LETTERS),
                    joined.getSideOutput(LabelJoin.ORPHANED_LABELS));
            outcomes = joined;
            SingleOutputStreamOperator<PartialWindow> outcomePartials = joined
                    .map(Observation::of)
                    .name("outcomes as observations")
                    .transform("local windows of outcomes", TypeInformation.of(PartialWindow.class),
                            localWindows(config, catalog))
                    .uid("local-outcome-windows");
            localPartials = localPartials.union(outcomePartials);
            lateObservations = lateObservations.union(outcomePartials.getSideOutput(LATE));
        }

        SingleOutputStreamOperator<PartialWindow> partials = localPartials
                .keyBy(new ShardKeySelector())
                .window(TumblingEventTimeWindows.of(config.window()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE_PARTIALS)
                .aggregate(new PartialAggregate(catalog), new EmitPartial(), WindowAccumulatorTypeInfo.INSTANCE,
                        WindowAccumulatorTypeInfo.INSTANCE, TypeInformation.of(PartialWindow.class))
                .uid("partial-windows")
                .name("partial window aggregates per shard");

        SingleOutputStreamOperator<ReportNote> lateNotes = lateObservations
                .process(new LateObservations(Connectors.sourceName(config), Connectors.labelsSourceName(config),
                        config.window(), config.allowedLateness()))
                .uid("late-observations")
                .name("late events and labels to dead letters");
        SingleOutputStreamOperator<ReportNote> latePartialNotes = partials.getSideOutput(LATE_PARTIALS)
                .process(new LatePartials(Connectors.sourceName(config), config.window(), config.allowedLateness()))
                .uid("late-partials")
                .name("late partials to dead letters");
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

        // The detector passes on no idle status (NeverIdle says why). Like the window step it is keyed, so each
        // of its subtasks sees every event channel and is idle only when all are; not so the notes that follow
        // a single upstream subtask (late events, profiles), which must stay free to go idle.
        DataStream<ReportNote> notes = lateNotes.union(latePartialNotes, neverIdle(conceptDrift));
        if (profiles != null) {
            // From every admitting instance (the merge keeps one copy): in the events' channels, with their event time.
            notes = notes.union(events.flatMap(new ProfileNotes()).name("profile notes"));
        }
        SingleOutputStreamOperator<WindowReport> reports = partials
                .transform("partials without idle status", TypeInformation.of(PartialWindow.class), new NeverIdle<>())
                .uid("partials-never-idle")
                .keyBy(new ModelKeySelectors.OfPartial())
                .connect(notes.keyBy(new ModelKeySelectors.OfNote()))
                .process(new MergePartials(catalog, config.allowedLateness(), config.datasetDriftThreshold(),
                        regressionModels))
                .uid("merge-partials")
                .name("merge shards, drift, performance, window report");

        reportSink.accept(reports.map(new ReportGauges()).uid("report-gauges").name("latest report as gauges"));
        deadLetterSink.accept(CountedDeadLetters.of(deadLetters.union(lateNotes.getSideOutput(LateObservations.DEAD_LETTERS),
                latePartialNotes.getSideOutput(LatePartials.DEAD_LETTERS), reports.getSideOutput(MergePartials.DEAD_LETTERS))));
    }

    private static LocalWindows localWindows(MonitoringConfig config, ModelCatalog catalog) {
        return new LocalWindows(catalog, config.window(), config.allowedLateness(), config.shards(), LATE);
    }

    /**
     * Bounded out-of-orderness from the records' own times, the same for predictions and labels.
     * Per-event watermarks of the events go only as far as the windows need them when nothing else
     * does ({@code onlyWindowsNeedThem}); the label join's timers need every one.
     */
    private static <T extends DecodedRecord> WatermarkStrategy<T> watermarks(MonitoringConfig config,
            boolean onlyWindowsNeedThem) {
        return EventTimeWatermarks.strategy(config.outOfOrderness(), config.idleness(),
                config.watermarks().equals("per-event"),
                onlyWindowsNeedThem ? WindowGrid.of(config.window(), config.allowedLateness()) : null);
    }

    private static DataStream<ReportNote> neverIdle(DataStream<ReportNote> notes) {
        return notes.transform("concept-drift notes without idle status", TypeInformation.of(ReportNote.class),
                        new NeverIdle<>())
                .setParallelism(notes.getParallelism());
    }
}
