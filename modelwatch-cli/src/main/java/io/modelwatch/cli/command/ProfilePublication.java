package io.modelwatch.cli.command;

import io.modelwatch.common.flink.ControlTopicException;
import io.modelwatch.common.flink.ControlTopicPublisher;
import io.modelwatch.monitoring.reference.ProfileId;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code modelwatch profile --publish}: a profile written to the monitoring job's profiles topic
 * under the key {@code model/version}, with {@code effective_from} when given (README "Adding a model").
 */
final class ProfilePublication {
    private ProfilePublication() {}

    /** @param key {@code model/version} */
    static RecordMetadata publish(String key, String json, Instant effectiveFrom, String bootstrapServers, String topic)
            throws IOException {
        String value = effectiveFrom == null ? json : "{\"effective_from\":\"" + effectiveFrom + "\"," + json.substring(1);
        try (ControlTopicPublisher publisher = new ControlTopicPublisher(bootstrapServers, topic, Map.of())) {
            publisher.ensureTopic();
            return publisher.publish(key, value);
        } catch (ControlTopicException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The id reports name the profile by. */
    static String id(String json) {
        return ProfileId.of(json);
    }
}
