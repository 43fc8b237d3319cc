package io.modelwatch.monitoring;

import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.aggregate.EmitPartial;
import io.modelwatch.monitoring.aggregate.LateEvents;
import io.modelwatch.monitoring.aggregate.MergePartials;
import io.modelwatch.monitoring.aggregate.ModelKey;
import io.modelwatch.monitoring.aggregate.PartialAggregate;
import io.modelwatch.monitoring.aggregate.PartialWindow;
import io.modelwatch.monitoring.aggregate.ShardKey;
import io.modelwatch.monitoring.aggregate.WindowAccumulatorTypeInfo;
import io.modelwatch.monitoring.config.ConfigException;
import io.modelwatch.monitoring.config.ConfigLoader;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.metrics.ReportGauges;
import io.modelwatch.monitoring.ingest.EventTimeWatermarks;
import io.modelwatch.monitoring.ingest.EventTimestamps;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.ingest.RouteEvents;
import io.modelwatch.monitoring.reference.ModelCatalog;
import io.modelwatch.monitoring.sink.ReportTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The monitoring job (DESIGN.md section 4.1): prediction events → per model version and tumbling
 * event-time window, partial aggregates per shard → merged, drift against the reference →
 * window reports; bad and too-late records → dead letters. {@link #main} reads the configuration
 * ({@code --config FILE} and {@code --key value} overrides, see {@code monitoring-defaults.yaml})
 * and submits the job; {@link #defineWorkflow} is the job itself, with sources and sinks passed in.
 */
public final class MonitoringJob {
    /** The job's name on a cluster; Prometheus labels its metrics job_name="modelwatch_monitoring". */
    public static final String JOB_NAME = "modelwatch-monitoring";
    static final OutputTag<PredictionEvent> LATE = new OutputTag<>("late-events") {};

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
        defineWorkflow(env, config, catalog, Connectors.source(config, catalog),
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

    public static void defineWorkflow(StreamExecutionEnvironment env, MonitoringConfig config, ModelCatalog catalog,
            Source<IncomingEvent, ?, ?> source, Consumer<DataStream<WindowReport>> reportSink,
            Consumer<DataStream<DeadLetter>> deadLetterSink) {
        boolean perEvent = config.watermarks().equals("per-event");
        Duration outOfOrderness = config.outOfOrderness();
        WatermarkStrategy<IncomingEvent> watermarks = WatermarkStrategy
                .<IncomingEvent>forGenerator(context -> new EventTimeWatermarks(outOfOrderness, perEvent))
                .withTimestampAssigner(new EventTimestamps());
        if (!config.idleness().isZero()) {
            watermarks = watermarks.withIdleness(config.idleness());
        }
        SingleOutputStreamOperator<PredictionEvent> events = env
                .fromSource(source, watermarks, "predictions")
                .uid("predictions-source")
                .process(new RouteEvents(catalog, config.limits().maxModels()))
                .uid("route-events")
                .name("validate events, admit models");

        SingleOutputStreamOperator<PartialWindow> partials = events
                .keyBy(new ShardKey.Selector(config.shards()))
                .window(TumblingEventTimeWindows.of(config.window()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE)
                .aggregate(new PartialAggregate(catalog), new EmitPartial(), WindowAccumulatorTypeInfo.INSTANCE,
                        WindowAccumulatorTypeInfo.INSTANCE, TypeInformation.of(PartialWindow.class))
                .uid("partial-windows")
                .name("partial window aggregates per shard");

        DataStream<PredictionEvent> late = partials.getSideOutput(LATE);
        DataStream<WindowReport> reports = partials
                .keyBy(new ModelKey.OfPartial())
                .connect(late.keyBy(new ModelKey.OfEvent()))
                .process(new MergePartials(catalog, config.allowedLateness(), config.datasetDriftThreshold()))
                .uid("merge-partials")
                .name("merge shards, drift, window report");

        DataStream<DeadLetter> lateDeadLetters = late
                .map(new LateEvents(Connectors.sourceName(config), config.window(), config.allowedLateness()))
                .uid("late-dead-letters")
                .name("late events to dead letters");
        reportSink.accept(reports.map(new ReportGauges()).uid("report-gauges").name("latest report as gauges"));
        deadLetterSink.accept(events.getSideOutput(RouteEvents.DEAD_LETTERS).union(lateDeadLetters));
    }
}
