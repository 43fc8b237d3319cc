package io.modelwatch.retraining;

import io.modelwatch.retraining.action.RetryPolicy;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.rules.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.util.ParameterTool;

/**
 * The retraining-trigger job's command-line configuration, e.g.
 * {@code --rules rules.yaml --bootstrap-servers kafka:9092 --checkpoint-interval 1m --kafka.security.protocol SSL}.
 * Every {@code --kafka.NAME VALUE} is passed to the Kafka consumer and producers as {@code NAME}.
 *
 * @param reportsFile read reports from this JSON-lines file (bounded) instead of Kafka
 * @param checkpointInterval none disables checkpointing; with it the Kafka sinks are exactly-once
 * @param delivery from {@code --delivery-capacity}, {@code --delivery-threads}, {@code --attempt-timeout},
 *     {@code --delivery-timeout}, {@code --max-attempts}, {@code --initial-backoff}, {@code --max-backoff};
 *     the defaults are {@link DeliverySettings#defaults()}
 */
public record TriggerJobConfig(
        Path rules,
        Optional<Path> reportsFile,
        String bootstrapServers,
        String reportsTopic,
        String eventsTopic,
        String deadLetterTopic,
        String groupId,
        Duration outOfOrderBound,
        Duration idleTimeout,
        Optional<Duration> checkpointInterval,
        Properties kafkaProperties,
        DeliverySettings delivery) {

    private static final String KAFKA_PREFIX = "kafka.";
    /** What ParameterTool returns for an option given without a value (its constant is not public). */
    private static final String NO_VALUE = "__NO_VALUE_KEY";
    private static final Set<String> OPTIONS = Set.of("rules", "reports-file", "bootstrap-servers", "reports-topic",
            "events-topic", "dead-letter-topic", "group-id", "out-of-order", "idle-timeout", "checkpoint-interval",
            "delivery-capacity", "delivery-threads", "attempt-timeout", "delivery-timeout", "max-attempts",
            "initial-backoff", "max-backoff");

    /** @throws IllegalArgumentException naming the option at fault */
    public static TriggerJobConfig fromArgs(String[] args) {
        ParameterTool params = ParameterTool.fromArgs(args);
        Properties kafka = new Properties();
        for (Map.Entry<String, String> option : params.toMap().entrySet()) {
            if (option.getKey().startsWith(KAFKA_PREFIX)) {
                kafka.setProperty(option.getKey().substring(KAFKA_PREFIX.length()), option.getValue());
            } else if (!OPTIONS.contains(option.getKey())) {
                throw new IllegalArgumentException("unknown option --" + option.getKey()
                        + " (expected one of --" + String.join(", --", new TreeSet<>(OPTIONS)) + " or --kafka.NAME)");
            }
        }
        return new TriggerJobConfig(
                Path.of(required(params, "rules")),
                Optional.ofNullable(params.get("reports-file")).map(Path::of),
                required(params, "bootstrap-servers"),
                params.get("reports-topic", "model-window-reports"),
                params.get("events-topic", "retraining-events"),
                params.get("dead-letter-topic", "retraining-dead-letter"),
                params.get("group-id", "modelwatch-retraining-trigger"),
                duration(params, "out-of-order", "5m"),
                duration(params, "idle-timeout", "1m"),
                Optional.ofNullable(params.get("checkpoint-interval")).map(text -> duration(params, "checkpoint-interval", text)),
                kafka,
                delivery(params));
    }

    private static DeliverySettings delivery(ParameterTool params) {
        DeliverySettings defaults = DeliverySettings.defaults();
        RetryPolicy retry = defaults.retry();
        try {
            return new DeliverySettings(
                    count(params, "delivery-capacity", defaults.capacity()),
                    count(params, "delivery-threads", defaults.threads()),
                    duration(params, "attempt-timeout", defaults.attemptTimeout().toMillis() + "ms"),
                    duration(params, "delivery-timeout", defaults.timeout().toMillis() + "ms"),
                    new RetryPolicy(count(params, "max-attempts", retry.maxAttempts()),
                            duration(params, "initial-backoff", retry.initialBackoff().toMillis() + "ms"),
                            retry.multiplier(),
                            duration(params, "max-backoff", retry.maxBackoff().toMillis() + "ms"),
                            retry.jitter()));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("--") ? e : new IllegalArgumentException("delivery options: " + e.getMessage(), e);
        }
    }

    private static int count(ParameterTool params, String option, int fallback) {
        String text = params.get(option);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + ": expected a whole number, got '" + text + "'");
        }
    }

    private static String required(ParameterTool params, String option) {
        String value = params.get(option);
        if (value == null || value.isBlank() || value.equals(NO_VALUE)) {
            throw new IllegalArgumentException("--" + option + " is required");
        }
        return value;
    }

    private static Duration duration(ParameterTool params, String option, String fallback) {
        try {
            return DurationText.parse(params.get(option, fallback));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + option + ": " + e.getMessage(), e);
        }
    }
}
