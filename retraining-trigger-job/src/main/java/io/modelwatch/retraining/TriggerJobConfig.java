package io.modelwatch.retraining;

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
        Properties kafkaProperties) {

    private static final String KAFKA_PREFIX = "kafka.";
    /** What ParameterTool returns for an option given without a value (its constant is not public). */
    private static final String NO_VALUE = "__NO_VALUE_KEY";
    private static final Set<String> OPTIONS = Set.of("rules", "reports-file", "bootstrap-servers", "reports-topic",
            "events-topic", "dead-letter-topic", "group-id", "out-of-order", "idle-timeout", "checkpoint-interval");

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
                kafka);
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
