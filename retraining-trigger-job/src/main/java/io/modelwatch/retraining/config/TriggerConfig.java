package io.modelwatch.retraining.config;

import io.modelwatch.common.config.CheckedConfig;
import io.modelwatch.common.config.Checkpoints;
import io.modelwatch.common.config.ConfigException;
import io.modelwatch.common.config.ConfigLoader;
import io.modelwatch.common.config.KafkaSettings;
import io.modelwatch.common.config.Problems;
import io.modelwatch.retraining.action.RetryPolicy;
import io.modelwatch.retraining.delivery.DeliverySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the retraining-trigger job is configured with; the keys and defaults are in
 * retraining-trigger-job/src/main/resources/io/modelwatch/retraining/config/trigger-defaults.yaml,
 * read the same way as the monitoring job's configuration: the defaults, then
 * {@code --config FILE}, then {@code --key value} overrides.
 */
public record TriggerConfig(
        String rules,
        String reportsFile,
        Duration outOfOrderness,
        Duration idleness,
        Kafka kafka,
        Checkpoints checkpoints,
        Delivery delivery) implements CheckedConfig {

    private static final ConfigLoader<TriggerConfig> LOADER = new ConfigLoader<>(TriggerConfig.class, "trigger-defaults.yaml");

    /** @param rulesTopic the compacted topic of rule sets (docs/RULES-TOPIC.md); null: the rules file alone */
    public record Kafka(String bootstrapServers, String reportsTopic, String rulesTopic, String eventsTopic, String deadLetterTopic,
            String groupId, String startingOffsets, String transactionalIdPrefix, Duration transactionTimeout,
            Map<String, String> properties) {

        public KafkaSettings settings() {
            return new KafkaSettings(bootstrapServers, groupId, startingOffsets, transactionalIdPrefix, transactionTimeout,
                    properties);
        }
    }

    public record Delivery(int capacity, int threads, Duration attemptTimeout, Duration timeout, int maxAttempts,
            Duration initialBackoff, Duration maxBackoff) {

        /** @throws IllegalArgumentException when the values do not fit together */
        public DeliverySettings settings() {
            RetryPolicy defaults = RetryPolicy.defaults();
            return new DeliverySettings(capacity, threads, attemptTimeout, timeout,
                    new RetryPolicy(maxAttempts, initialBackoff, defaults.multiplier(), maxBackoff, defaults.jitter()));
        }
    }

    /** From {@code --config FILE} and {@code --key value} arguments, as the job's main gets them. */
    public static TriggerConfig fromArgs(String... args) throws ConfigException {
        return LOADER.fromArgs(args);
    }

    /** @param file a YAML file, or null for the defaults and overrides alone */
    public static TriggerConfig load(Path file, Map<String, String> overrides) throws ConfigException {
        return LOADER.load(file, overrides);
    }

    public Path rulesFile() {
        return Path.of(rules);
    }

    @Override
    public void check(Problems problems) {
        problems.required("rules", rules, "(the rules file)");
        problems.notNegative("out-of-orderness", outOfOrderness);
        problems.notNegative("idleness", idleness);
        kafka.settings().check(problems, true);
        if (reportsFile == null) {
            problems.required("kafka.reports-topic", kafka.reportsTopic(), "unless reports-file is set");
        }
        problems.required("kafka.events-topic", kafka.eventsTopic(), "for the audit records");
        problems.required("kafka.dead-letter-topic", kafka.deadLetterTopic(), "for the dead letters");
        checkpoints.check(problems, true);
        problems.atLeast("delivery.capacity", delivery.capacity(), 1);
        problems.atLeast("delivery.threads", delivery.threads(), 1);
        problems.atLeast("delivery.max-attempts", delivery.maxAttempts(), 1);
        problems.positive("delivery.attempt-timeout", delivery.attemptTimeout());
        problems.positive("delivery.initial-backoff", delivery.initialBackoff());
        problems.positive("delivery.max-backoff", delivery.maxBackoff());
        if (delivery.timeout() == null || delivery.attemptTimeout() != null
                && delivery.timeout().compareTo(delivery.attemptTimeout()) < 0) {
            problems.add("delivery.timeout: must be at least delivery.attempt-timeout, got "
                    + Problems.describe(delivery.timeout()));
        }
    }
}
