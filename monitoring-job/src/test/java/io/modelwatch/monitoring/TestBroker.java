package io.modelwatch.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real Kafka broker in the JVM for the job's tests, with the producing and read_committed reading they share. */
final class TestBroker implements AutoCloseable {
    private final KafkaClusterTestKit kafka;

    private TestBroker(KafkaClusterTestKit kafka) {
        this.kafka = kafka;
    }

    static TestBroker start() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // A transaction left open by the failed attempt holds read_committed readers back until it times out.
                .setConfigProp("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return new TestBroker(kafka);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Writes {@code partitions.get(i)} to partition i, in order, after creating the topic with that
     * many partitions when {@code create}; returns once the broker has acknowledged every record. A
     * send that fails (e.g. a batch that outlives delivery.timeout.ms on a loaded machine) fails the
     * test here rather than leaving a gap in the topic that shows up later as a wrong report.
     */
    void produce(String topic, boolean create, List<List<String>> partitions) throws Exception {
        if (create) {
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                admin.createTopics(List.of(new NewTopic(topic, partitions.size(), (short) 1))).all().get();
            }
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int partition = 0; partition < partitions.size(); partition++) {
            for (String value : partitions.get(partition)) {
                records.add(new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        send(records, create);
    }

    /** Writes the records in order and returns once the broker has acknowledged every one. */
    void send(List<ProducerRecord<byte[], byte[]>> records, boolean firstAlone) throws Exception {
        Properties properties = kafka.clientProperties();
        properties.put("key.serializer", ByteArraySerializer.class.getName());
        properties.put("value.serializer", ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (int i = 0; i < records.size(); i++) {
                if (firstAlone && i == 0) {
                    // A new partition's first batch is the one seen to stall (and expire after
                    // delivery.timeout.ms) on a loaded machine; waiting for it makes any failure explicit and early.
                    producer.send(records.get(i)).get();
                } else {
                    sent.add(producer.send(records.get(i)));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> record : sent) {
                record.get();
            }
        }
    }

    /** At least {@code atLeast} committed records of the topic (waiting up to a minute), and any committed just after. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
        Properties properties = kafka.clientProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + System.nanoTime());
        properties.put("key.deserializer", ByteArrayDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // Anything committed a little later would be a duplicate: give it a chance to show.
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() throws Exception {
        kafka.close();
    }
}
