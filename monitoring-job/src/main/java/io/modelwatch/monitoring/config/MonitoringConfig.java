package io.modelwatch.monitoring.config;

import io.modelwatch.common.config.CheckedConfig;
import io.modelwatch.common.config.Checkpoints;
import io.modelwatch.common.config.ConfigException;
import io.modelwatch.common.config.ConfigLoader;
import io.modelwatch.common.config.KafkaSettings;
import io.modelwatch.common.config.Problems;
import io.modelwatch.monitoring.groundtruth.DetectorKind;
import io.modelwatch.monitoring.groundtruth.LabelJoinSettings;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the monitoring job is configured with; the keys and defaults are in
 * monitoring-job/src/main/resources/io/modelwatch/monitoring/config/monitoring-defaults.yaml, read by
 * {@link ConfigLoader}.
 */
public record MonitoringConfig(
        Duration window,
        int shards,
        Duration outOfOrderness,
        String watermarks,
        Duration idleness,
        Duration allowedLateness,
        String reference,
        double datasetDriftThreshold,
        Limits limits,
        Source source,
        Sinks sinks,
        Kafka kafka,
        Checkpoints checkpoints,
        LabelJoinConfig labelJoin,
        PerformanceConfig performance,
        ConceptDriftConfig conceptDrift) implements CheckedConfig {

    private static final ConfigLoader<MonitoringConfig> LOADER =
            new ConfigLoader<>(MonitoringConfig.class, "monitoring-defaults.yaml");

    private static final Set<String> SOURCE_TYPES = Set.of("kafka", "file", "generator");
    private static final Set<String> LABEL_SOURCES = Set.of("none", "kafka", "file");
    private static final Set<String> DETECTORS = Set.of("ddm", "adwin");
    private static final Set<String> WATERMARKS = Set.of("periodic", "per-event");

    public record Limits(int maxEventBytes, int maxFeaturesPerEvent, int maxCategories, int maxModels,
            int exactValues, int sketchK) {

        public AccumulatorLimits accumulators() {
            return new AccumulatorLimits(exactValues, sketchK, maxCategories);
        }
    }

    /** @param labels where labels come from: none, kafka ({@code kafka.labels-topic}) or file ({@code labelsPath}) */
    public record Source(String type, String path, long generatorEvents, long generatorRate, long generatorSeed,
            String labels, String labelsPath) {}

    public record Sinks(boolean kafka, boolean console, String reportsDirectory, String deadLettersDirectory) {}

    /** @param profilesTopic the compacted topic of reference profiles, read when events come from Kafka; null: none */
    public record Kafka(String bootstrapServers, String predictionsTopic, String labelsTopic, String profilesTopic,
            String reportsTopic,
            String deadLetterTopic, String groupId, String startingOffsets, String transactionalIdPrefix, Duration transactionTimeout,
            Map<String, String> properties) {

        /** Whether the job reads reference profiles from {@link #profilesTopic}. */
        public boolean readsProfiles(Source source) {
            return "kafka".equals(source.type()) && profilesTopic != null && !profilesTopic.isBlank();
        }

        public KafkaSettings settings() {
            return new KafkaSettings(bootstrapServers, groupId, startingOffsets, transactionalIdPrefix, transactionTimeout,
                    properties);
        }
    }

    public record LabelJoinConfig(Duration horizon, Duration orphanWait, Duration stateTtl) {

        public LabelJoinSettings settings() {
            return new LabelJoinSettings(horizon, orphanWait, stateTtl);
        }
    }

    /** @param regressionModels models whose predictions are numbers: MAE, RMSE and MAPE instead of class metrics */
    public record PerformanceConfig(List<String> regressionModels) {}

    public record ConceptDriftConfig(String detector) {

        public DetectorKind selected() {
            return DetectorKind.fromName(detector);
        }
    }

    /** From {@code --config FILE} and {@code --key value} arguments, as the job's main gets them. */
    public static MonitoringConfig fromArgs(String... args) throws ConfigException {
        return LOADER.fromArgs(args);
    }

    /** @param file a YAML file, or null for the defaults and overrides alone */
    public static MonitoringConfig load(Path file, Map<String, String> overrides) throws ConfigException {
        return LOADER.load(file, overrides);
    }

    @Override
    public void check(Problems problems) {
        problems.positive("window", window);
        problems.notNegative("out-of-orderness", outOfOrderness);
        problems.oneOf("watermarks", watermarks, WATERMARKS);
        problems.notNegative("idleness", idleness);
        problems.notNegative("allowed-lateness", allowedLateness);
        if (shards < 1) {
            problems.add("shards: must be at least 1, got " + shards);
        }
        if (!(datasetDriftThreshold > 0 && datasetDriftThreshold <= 1)) {
            problems.add("dataset-drift-threshold: must be in (0, 1], got " + datasetDriftThreshold);
        }
        problems.atLeast("limits.max-event-bytes", limits.maxEventBytes(), 1);
        problems.atLeast("limits.max-features-per-event", limits.maxFeaturesPerEvent(), 1);
        problems.atLeast("limits.max-categories", limits.maxCategories(), 1);
        problems.atLeast("limits.max-models", limits.maxModels(), 1);
        problems.atLeast("limits.exact-values", limits.exactValues(), 0);
        problems.atLeast("limits.sketch-k", limits.sketchK(), 8);
        problems.oneOf("source.type", source.type(), SOURCE_TYPES);
        if ("file".equals(source.type()) && source.path() == null) {
            problems.add("source.path: required for the file source");
        }
        problems.oneOf("source.labels", source.labels(), LABEL_SOURCES);
        if ("file".equals(source.labels()) && source.labelsPath() == null) {
            problems.add("source.labels-path: required when source.labels is file");
        }
        if ("kafka".equals(source.labels()) && blank(kafka.labelsTopic())) {
            problems.add("kafka.labels-topic: required when source.labels is kafka");
        }
        problems.positive("label-join.horizon", labelJoin.horizon());
        problems.positive("label-join.orphan-wait", labelJoin.orphanWait());
        if (labelJoin.stateTtl() == null || labelJoin.horizon() != null && labelJoin.orphanWait() != null
                && (labelJoin.stateTtl().compareTo(labelJoin.horizon()) <= 0
                        || labelJoin.stateTtl().compareTo(labelJoin.orphanWait()) <= 0)) {
            problems.add("label-join.state-ttl: must be longer than label-join.horizon and label-join.orphan-wait, got "
                    + Problems.describe(labelJoin.stateTtl()));
        }
        if (performance.regressionModels() == null) {
            problems.add("performance.regression-models: must be a list of model names");
        }
        problems.oneOf("concept-drift.detector", conceptDrift.detector(), DETECTORS);
        if ("generator".equals(source.type())) {
            problems.atLeast("source.generator-rate", source.generatorRate(), 1);
            problems.atLeast("source.generator-events", source.generatorEvents(), 0);
        }
        kafka.settings().check(problems, usesKafka());
        checkpoints.check(problems, sinks.kafka());
    }

    /** Whether any configured sink takes the reports; a job run by {@code main} needs one. */
    public boolean hasReportSink() {
        return sinks.kafka() || sinks.console() || sinks.reportsDirectory() != null;
    }

    public boolean usesKafka() {
        return "kafka".equals(source.type()) || "kafka".equals(source.labels()) || sinks.kafka();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
