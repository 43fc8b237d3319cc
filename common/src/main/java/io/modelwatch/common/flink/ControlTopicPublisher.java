package io.modelwatch.common.flink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records to a control topic, creating it compacted (one partition, so that every
 * reader sees its records in the order they were written) when it does not exist yet.
 */
public final class ControlTopicPublisher implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Properties client;
    private KafkaProducer<String, byte[]> producer;

    /** @param properties extra client properties (security settings and the like), may be empty */
    public ControlTopicPublisher(String bootstrapServers, String topic, Map<String, String> properties) {
        this.topic = topic;
        this.client = new Properties();
        client.putAll(properties);
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    /** Creates the topic compacted when it does not exist; an existing topic is left as it is. */
    public void ensureTopic() throws ControlTopicException {
        Properties admin = new Properties();
        admin.putAll(client);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin kafka = Admin.create(admin)) {
            Set<String> existing = kafka.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!existing.contains(topic)) {
                kafka.createTopics(List.of(new NewTopic(topic, 1, (short) -1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ControlTopicException(topic + ": cannot be created (" + e.getCause().getMessage() + ")", e);
            }
        } catch (TimeoutException e) {
            throw new ControlTopicException(topic + ": no answer from the Kafka cluster within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlTopicException(topic + ": interrupted", e);
        }
    }

    /**
     * Writes one record and waits until the broker has it.
     *
     * @param value the record's text, or null to remove the key (a tombstone)
     */
    public RecordMetadata publish(String key, String value) throws ControlTopicException {
        return publish(key, value, Map.of());
    }

    /** Writes one record with headers (UTF-8 text) and waits until the broker has it. */
    public RecordMetadata publish(String key, String value, Map<String, String> headers) throws ControlTopicException {
        if (producer == null) {
            Properties settings = new Properties();
            settings.putAll(client);
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
            // delivery.timeout.ms must cover linger.ms plus request.timeout.ms, or the producer refuses to start
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        }
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, bytes);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ControlTopicException(topic + ": record '" + key + "' not written (" + e.getCause().getMessage() + ")", e);
        } catch (TimeoutException e) {
            throw new ControlTopicException(topic + ": record '" + key + "' not acknowledged within "
                    + TIMEOUT.toSeconds() * 2 + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlTopicException(topic + ": interrupted", e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(TIMEOUT);
        }
    }
}
