package io.modelwatch.common.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How a job talks to Kafka, the same for both jobs (each job adds its own topics).
 *
 * @param groupId the consumer group; its committed offsets are where a job without state resumes
 * @param startingOffsets {@code committed} (the earliest when none), {@code earliest} or {@code latest}
 * @param transactionalIdPrefix of the exactly-once sinks; stable across restarts, unique per job
 * @param transactionTimeout at most the broker's {@code transaction.max.timeout.ms}
 * @param properties passed to every consumer and producer as they are (security settings and the like)
 */
public record KafkaSettings(String bootstrapServers, String groupId, String startingOffsets,
        String transactionalIdPrefix, Duration transactionTimeout, Map<String, String> properties) {
    /** The broker's default {@code transaction.max.timeout.ms}; a longer producer timeout is refused. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
    private static final Set<String> STARTING_OFFSETS = Set.of("committed", "earliest", "latest");

    /** @param used whether the job reads from or writes to Kafka at all */
    public void check(Problems problems, boolean used) {
        if (used) {
            problems.required("kafka.bootstrap-servers", bootstrapServers, "when reading from or writing to Kafka");
            problems.required("kafka.transactional-id-prefix", transactionalIdPrefix, "for the exactly-once Kafka sinks");
        }
        problems.oneOf("kafka.starting-offsets", startingOffsets, STARTING_OFFSETS);
        problems.positive("kafka.transaction-timeout", transactionTimeout);
        if (transactionTimeout != null && transactionTimeout.compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
            problems.add("kafka.transaction-timeout: must be at most 15m (the broker's maximum), got "
                    + Durations.format(transactionTimeout));
        }
        if (properties == null) {
            problems.add("kafka.properties: must be a mapping of Kafka client properties");
        }
    }
}
