package io.modelwatch.cli.command;

import io.modelwatch.common.flink.ControlTopicException;
import io.modelwatch.common.flink.ControlTopicPublisher;
import io.modelwatch.monitoring.reference.ProfileId;
import io.modelwatch.monitoring.reference.ProfileUpdateDecoder;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code modelwatch profile --publish}: a profile written to the monitoring job's profiles topic
 * under the key {@code model/version}, as written to the file, with the header {@code effective_from} when
 * given (README "Adding a model").
 */
final class ProfilePublication {
    private ProfilePublication() {}

    /** @param key {@code model/version} */
    static RecordMetadata publish(String key, String json, Instant effectiveFrom, String bootstrapServers, String topic)
            throws IOException {
        Map<String, String> headers = effectiveFrom == null ? Map.of()
                : Map.of(ProfileUpdateDecoder.EFFECTIVE_FROM, effectiveFrom.toString());
        try (ControlTopicPublisher publisher = new ControlTopicPublisher(bootstrapServers, topic, Map.of())) {
            publisher.ensureTopic();
            return publisher.publish(key, json, headers);
        } catch (ControlTopicException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The id reports name the profile by. */
    static String id(String json) {
        return ProfileId.of(json);
    }
}
