package io.modelwatch.monitoring.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.MonitoringJob;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metric names the alert rules and the dashboard read (deploy/prometheus/METRICS.md) carry the report's values. */
class PrometheusMetricsTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int EVENTS = 3000;
    private static final String MODEL_GROUP = ".modelwatch.model.credit-default.version.v3.";

    @Test
    void eventCountersAndTheLatestReportsGaugesAreExported() throws Exception {
        MonitoringConfig config = MonitoringConfig.fromArgs("--window", "1s", "--shards", "2", "--watermarks", "per-event",
                "--source.type", "generator", "--sinks.kafka", "false", "--checkpoints.interval", "0s");
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS.withEventsPerSecond(1000));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        MonitoringJob.defineWorkflow(env, config, ModelCatalog.empty(config.limits().accumulators()),
                new DataGeneratorSource<>(new GeneratedEvents(generator), EVENTS, RateLimiterStrategy.noOp(),
                        TypeInformation.of(IncomingEvent.class)),
                reports -> reports.sinkTo(new DiscardingSink<>()), deadLetters -> deadLetters.sinkTo(new DiscardingSink<>()));
        JobID job = env.execute("metrics").getJobID();

        long errors = LongStream.range(0, EVENTS).mapToObj(generator::event).filter(PredictionEvent::isError).count();
        assertThat(sumOfCounters(job, "predictions")).isEqualTo(EVENTS);
        assertThat(sumOfCounters(job, "errors")).isEqualTo(errors);
        // the last window holds events 2000..2999: 1000 predictions at 1000 events per second
        assertThat(gauge(job, MODEL_GROUP + "window_predictions")).isEqualTo(1000.0);
        assertThat(gauge(job, MODEL_GROUP + "window_end_seconds"))
                .isEqualTo((double) GeneratorConfig.DEFAULTS.start().plusSeconds(3).getEpochSecond());
        assertThat(gauge(job, MODEL_GROUP + "accuracy")).as("null in the report is NaN, not 0").isNaN();
        // Prometheus names it after its groups and the gauge: ..._model_version_feature_category_share{feature, category}.
        assertThat(gauge(job, MODEL_GROUP + "feature.region.category.north.category_share")).isNull();
        assertThat(gauge(job, MODEL_GROUP + "feature.region.category.north.share")).isBetween(0.0, 1.0);
        assertThat(gauge(job, MODEL_GROUP + "class.1.prediction_share")).isBetween(0.0, 1.0);
        assertThat(gauge(job, MODEL_GROUP + "feature.income.p50")).isPositive();
    }

    private static long sumOfCounters(JobID job, String name) {
        return REPORTER.findMetrics(job, MODEL_GROUP + name).entrySet().stream()
                .filter(metric -> metric.getKey().endsWith(MODEL_GROUP + name))
                .mapToLong(metric -> ((Counter) metric.getValue()).getCount()).sum();
    }

    /** The gauge of the one subtask that saw the model's reports; null when no subtask has it. */
    private static Double gauge(JobID job, String suffix) {
        Map<String, Metric> metrics = REPORTER.findMetrics(job, suffix);
        return metrics.entrySet().stream()
                .filter(metric -> metric.getKey().endsWith(suffix))
                .map(metric -> (Double) ((Gauge<?>) metric.getValue()).getValue())
                .findFirst().orElse(null);
    }
}
