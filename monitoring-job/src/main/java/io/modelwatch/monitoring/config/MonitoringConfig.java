package io.modelwatch.monitoring.config;

import io.modelwatch.monitoring.groundtruth.ConceptDriftDetection;
import io.modelwatch.monitoring.groundtruth.LabelJoinSettings;
import io.modelwatch.monitoring.window.AccumulatorLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the monitoring job is configured with; the keys and defaults are in
 * {@code monitoring-defaults.yaml}, read by {@link ConfigLoader}.
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
        ConceptDriftConfig conceptDrift) {

    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
    private static final Set<String> SOURCE_TYPES = Set.of("kafka", "file", "generator");
    private static final Set<String> LABEL_SOURCES = Set.of("none", "kafka", "file");
    private static final Set<String> DETECTORS = Set.of("ddm", "adwin");
    private static final Set<String> STARTING_OFFSETS = Set.of("committed", "earliest", "latest");
    private static final Set<String> WATERMARKS = Set.of("periodic", "per-event");
    private static final Set<String> STATE_BACKENDS = Set.of("hashmap", "rocksdb");

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

    public record Kafka(String bootstrapServers, String predictionsTopic, String labelsTopic, String reportsTopic,
            String deadLetterTopic, String groupId, String startingOffsets, String transactionalIdPrefix, Duration transactionTimeout,
            Map<String, String> properties) {}

    public record Checkpoints(Duration interval, String stateBackend, String directory) {}

    public record LabelJoinConfig(Duration horizon, Duration orphanWait, Duration stateTtl) {

        public LabelJoinSettings settings() {
            return new LabelJoinSettings(horizon, orphanWait, stateTtl);
        }
    }

    /** @param regressionModels models whose predictions are numbers: MAE, RMSE and MAPE instead of class metrics */
    public record PerformanceConfig(List<String> regressionModels) {}

    public record ConceptDriftConfig(String detector) {

        public ConceptDriftDetection.Detector selected() {
            return ConceptDriftDetection.Detector.fromName(detector);
        }
    }

    /** Every rule the configuration breaks, one message each, naming the key; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        positive(problems, "window", window);
        notNegative(problems, "out-of-orderness", outOfOrderness);
        oneOf(problems, "watermarks", watermarks, WATERMARKS);
        notNegative(problems, "idleness", idleness);
        notNegative(problems, "allowed-lateness", allowedLateness);
        if (shards < 1) {
            problems.add("shards: must be at least 1, got " + shards);
        }
        if (!(datasetDriftThreshold > 0 && datasetDriftThreshold <= 1)) {
            problems.add("dataset-drift-threshold: must be in (0, 1], got " + datasetDriftThreshold);
        }
        atLeast(problems, "limits.max-event-bytes", limits.maxEventBytes(), 1);
        atLeast(problems, "limits.max-features-per-event", limits.maxFeaturesPerEvent(), 1);
        atLeast(problems, "limits.max-categories", limits.maxCategories(), 1);
        atLeast(problems, "limits.max-models", limits.maxModels(), 1);
        atLeast(problems, "limits.exact-values", limits.exactValues(), 0);
        atLeast(problems, "limits.sketch-k", limits.sketchK(), 8);
        oneOf(problems, "source.type", source.type(), SOURCE_TYPES);
        if ("file".equals(source.type()) && source.path() == null) {
            problems.add("source.path: required for the file source");
        }
        oneOf(problems, "source.labels", source.labels(), LABEL_SOURCES);
        if ("file".equals(source.labels()) && source.labelsPath() == null) {
            problems.add("source.labels-path: required when source.labels is file");
        }
        if ("kafka".equals(source.labels()) && blank(kafka.labelsTopic())) {
            problems.add("kafka.labels-topic: required when source.labels is kafka");
        }
        positive(problems, "label-join.horizon", labelJoin.horizon());
        positive(problems, "label-join.orphan-wait", labelJoin.orphanWait());
        if (labelJoin.stateTtl() == null || labelJoin.horizon() != null && labelJoin.orphanWait() != null
                && (labelJoin.stateTtl().compareTo(labelJoin.horizon()) <= 0
                        || labelJoin.stateTtl().compareTo(labelJoin.orphanWait()) <= 0)) {
            problems.add("label-join.state-ttl: must be longer than label-join.horizon and label-join.orphan-wait, got "
                    + describe(labelJoin.stateTtl()));
        }
        if (performance.regressionModels() == null) {
            problems.add("performance.regression-models: must be a list of model names");
        }
        oneOf(problems, "concept-drift.detector", conceptDrift.detector(), DETECTORS);
        if ("generator".equals(source.type())) {
            atLeast(problems, "source.generator-rate", source.generatorRate(), 1);
            atLeast(problems, "source.generator-events", source.generatorEvents(), 0);
        }
        if (usesKafka() && blank(kafka.bootstrapServers())) {
            problems.add("kafka.bootstrap-servers: required when reading from or writing to Kafka");
        }
        oneOf(problems, "kafka.starting-offsets", kafka.startingOffsets(), STARTING_OFFSETS);
        positive(problems, "kafka.transaction-timeout", kafka.transactionTimeout());
        if (kafka.transactionTimeout() != null && kafka.transactionTimeout().compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
            problems.add("kafka.transaction-timeout: must be at most 15m (the broker's maximum), got "
                    + Durations.format(kafka.transactionTimeout()));
        }
        if (sinks.kafka() && blank(kafka.transactionalIdPrefix())) {
            problems.add("kafka.transactional-id-prefix: required for the exactly-once Kafka sink");
        }
        notNegative(problems, "checkpoints.interval", checkpoints.interval());
        oneOf(problems, "checkpoints.state-backend", checkpoints.stateBackend(), STATE_BACKENDS);
        if (sinks.kafka() && checkpoints.interval() != null && checkpoints.interval().isZero()) {
            problems.add("checkpoints.interval: the exactly-once Kafka sink commits on checkpoints; set an interval");
        }
        return problems;
    }

    /** Whether any configured sink takes the reports; a job run by {@code main} needs one. */
    public boolean hasReportSink() {
        return sinks.kafka() || sinks.console() || sinks.reportsDirectory() != null;
    }

    public boolean usesKafka() {
        return "kafka".equals(source.type()) || "kafka".equals(source.labels()) || sinks.kafka();
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(key + ": must be a positive duration, got " + describe(value));
        }
    }

    private static void notNegative(List<String> problems, String key, Duration value) {
        if (value == null || value.isNegative()) {
            problems.add(key + ": must be a duration of 0s or more, got " + describe(value));
        }
    }

    private static void atLeast(List<String> problems, String key, long value, long minimum) {
        if (value < minimum) {
            problems.add(key + ": must be at least " + minimum + ", got " + value);
        }
    }

    private static void oneOf(List<String> problems, String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            problems.add(key + ": must be one of " + allowed.stream().sorted().toList() + ", got " + value);
        }
    }

    private static String describe(Duration value) {
        return value == null ? "null" : Durations.format(value);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
