import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The e2e test's Kafka client (deploy/local/e2e.sh), run on the broker's classpath:
 *
 * <pre>
 * KafkaTool produce BOOTSTRAP TOPIC FILE [RATE [TIMESTAMP]]
 *     KEY|VALUE lines, RATE records per second (0: as fast as it can), with an idempotent producer
 *     that retries for 5 minutes, so a broker restart neither loses nor repeats a record. TIMESTAMP
 *     (epoch millis) stamps every record with it (the retention canary). Exit 1 if any send failed.
 * KafkaTool read BOOTSTRAP TOPIC EXPECT SECONDS
 *     Every record of the topic, read_committed from the beginning, as JSON lines {"partition",
 *     "offset", "timestamp", "timestamp_type", "key", "value"}: waits until at least EXPECT records
 *     arrived, then reads on to the end of each partition (its last stable offset), so a record
 *     committed twice shows up too. Bounded by SECONDS: then prints what it read, says on stderr how
 *     many of EXPECT it got, and exits 3.
 * KafkaTool create-topic BOOTSTRAP TOPIC PARTITIONS [KEY=VALUE,...]
 * KafkaTool describe BOOTSTRAP TOPIC[,TOPIC...]
 *     The topics' configurations as one JSON object {topic: {name: value}}.
 * </pre>
 */
public final class KafkaTool {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            usage();
        }
        switch (args[0]) {
            case "produce" -> System.exit(produce(args[1], args[2], Path.of(args[3]),
                    args.length > 4 ? Double.parseDouble(args[4]) : 0, args.length > 5 ? Long.valueOf(args[5]) : null));
            case "read" -> System.exit(read(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4])));
            case "create-topic" -> createTopic(args[1], args[2], Integer.parseInt(args[3]), args.length > 4 ? args[4] : "");
            case "describe" -> describe(args[1], args[2]);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: KafkaTool produce|read|create-topic|describe BOOTSTRAP TOPIC ... (see the source)");
        System.exit(2);
    }

    static int produce(String bootstrap, String topic, Path file, double rate, Long timestamp) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("max.in.flight.requests.per.connection", "5");
        props.put("retries", Integer.toString(Integer.MAX_VALUE));
        props.put("delivery.timeout.ms", "300000");
        props.put("max.block.ms", "300000");
        props.put("linger.ms", "5");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props);
                BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                int bar = line.indexOf('|');
                String key = bar < 0 ? null : line.substring(0, bar);
                String value = bar < 0 ? line : line.substring(bar + 1);
                if (rate > 0) {
                    long due = start + (long) (sent * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                producer.send(new ProducerRecord<>(topic, null, timestamp, key, value), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                sent++;
                if (sent == 1) {
                    System.err.println("KafkaTool: producing " + file.getFileName() + " to " + topic);
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("KafkaTool: %d of %d records of %s acknowledged by %s in %.1f s%n", acked.get(), sent,
                file.getFileName(), topic, seconds);
        if (failure.get() != null) {
            System.err.println("KafkaTool: a send failed: " + failure.get());
            return 1;
        }
        return acked.get() == sent ? 0 : 1;
    }

    static int read(String bootstrap, String topic, int expect, int seconds) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty()) {
                try {
                    consumer.partitionsFor(topic, Duration.ofSeconds(5))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // the broker may be restarting: try again until the deadline
                }
                if (partitions.isEmpty() && System.nanoTime() > deadline) {
                    System.err.println("KafkaTool: " + topic + ": no partitions within " + seconds + " s");
                    return 3;
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = null;
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ObjectNode line = JSON.createObjectNode()
                            .put("partition", record.partition())
                            .put("offset", record.offset())
                            .put("timestamp", record.timestamp())
                            .put("timestamp_type", record.timestampType().name)
                            .put("key", text(record.key()))
                            .put("value", text(record.value()));
                    out.println(JSON.writeValueAsString(line));
                    count++;
                }
                if (count >= expect) {
                    if (ends == null) {
                        // read_committed: the end offsets are the last stable offsets
                        ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
                    }
                    if (readTo(consumer, ends)) {
                        out.flush();
                        return 0;
                    }
                }
                if (System.nanoTime() > deadline) {
                    out.flush();
                    System.err.printf("KafkaTool: %s: read %d of %d records within %d s%s%n", topic, count, expect,
                            seconds, count >= expect ? " (not to the end of every partition)" : "");
                    return 3;
                }
            }
        }
    }

    private static boolean readTo(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static void createTopic(String bootstrap, String topic, int partitions, String configs) throws Exception {
        Map<String, String> config = new HashMap<>();
        for (String pair : configs.split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                config.put(kv[0].trim(), kv[1].trim());
            }
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(config))).all().get();
        }
    }

    static void describe(String bootstrap, String topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<ConfigResource> resources = new ArrayList<>();
            for (String topic : topics.split(",")) {
                resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            }
            Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs =
                    admin.describeConfigs(resources).all().get();
            ObjectNode all = JSON.createObjectNode();
            for (ConfigResource resource : resources) {
                ObjectNode node = all.putObject(resource.name());
                configs.get(resource).entries().forEach(entry -> node.put(entry.name(), entry.value()));
            }
            System.out.println(JSON.writeValueAsString(all));
        }
    }
}
