package io.modelwatch.retraining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.config.KafkaSettings;
import io.modelwatch.common.flink.KafkaConnector;
import io.modelwatch.retraining.flink.TriggerKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * An in-JVM single-node Kafka cluster (KRaft, combined mode) and the reads and writes the job tests
 * need. Public for the command line's tests, which get it through this module's test jar.
 */
public final class TestKafka implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaClusterTestKit cluster;

    private TestKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static TestKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                // One partition for each internal topic: the broker creates them on first use, 50 by default.
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new TestKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The job's topics on this broker, its consumers in {@code groupId}, reading from the earliest offsets. */
    TriggerKafka endpoints(String groupId) {
        return new TriggerKafka(new KafkaConnector(new KafkaSettings(bootstrapServers(), groupId, "earliest",
                "trigger-test-" + groupId, Duration.ofMinutes(15), Map.of())));
    }

    /** Creates topics with one partition each, except as given by {@code name:partitions}. */
    void createTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(Arrays.stream(topics).map(topic -> {
                String[] parts = topic.split(":");
                return new NewTopic(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1, (short) 1);
            }).toList()).all().get();
        }
    }

    KafkaProducer<byte[], byte[]> producer(Properties extra) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        props.putAll(extra);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends each value with the key, and waits until the broker has them. */
    void send(String topic, String key, List<String> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(new Properties())) {
            for (String value : values) {
                producer.send(record(topic, key, value)).get();
            }
        }
    }

    static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the topic with read_committed until {@code expected} records came and a further poll brings nothing. */
    List<JsonNode> readAll(String topic, int expected) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read(topic, expected)) {
            records.add(JSON.readTree(record.value()));
        }
        return records;
    }

    /** Every record of the topic, read with read_committed until {@code expected} came and a further poll brings nothing. */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        props.put("group.id", "reader-" + topic + "-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean quiet = false;
            while (System.nanoTime() < deadline && !(records.size() >= expected && quiet)) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                quiet = records.size() == before;
            }
        }
        return records;
    }

    /** Every record of the topic as key and value text (null for none), read with read_committed until {@code expected} came and a further poll brings nothing. */
    public List<Map.Entry<String, String>> readText(String topic, int expected) throws Exception {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read(topic, expected)) {
            records.add(new AbstractMap.SimpleEntry<>(text(record.key()), text(record.value())));
        }
        return records;
    }

    /** The names of the cluster's topics. */
    public Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
