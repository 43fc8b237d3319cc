package io.modelwatch.common.flink;

import io.modelwatch.common.config.KafkaSettings;
import io.modelwatch.common.control.ControlDecoder;
import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.decode.RecordDecoder;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka sources and sinks of both jobs, built one way: sources decode each record with its
 * coordinates and read only committed transactions; sinks are exactly once (transactions committed
 * on checkpoints) and stamp records with the time they are written ({@link WriteTimeRecords}).
 */
public record KafkaConnector(KafkaSettings settings) {

    public <T extends DecodedRecord> KafkaSource<T> source(String topic, RecordDecoder<T> decoder, Class<T> type) {
        return sourceBuilder(topic, decoder, type).build();
    }

    /** The source before it is built, for a bounded read (tests, backfills). */
    public <T extends DecodedRecord> KafkaSourceBuilder<T> sourceBuilder(String topic, RecordDecoder<T> decoder,
            Class<T> type) {
        OffsetsInitializer offsets = switch (settings.startingOffsets()) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
        return KafkaSource.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setProperties(clientProperties())
                .setProperty("isolation.level", "read_committed")
                .setTopics(topic)
                .setGroupId(settings.groupId())
                .setStartingOffsets(offsets)
                .setDeserializer(new DecodedKafkaRecords<>(decoder, type));
    }

    /**
     * A compacted control topic, read whole on a fresh start (from its earliest records) and from
     * the checkpointed offsets after a restore, so a job's control state is the topic's history
     * replayed in order. The job's consumer group is not used: control records are never skipped.
     */
    public <T extends DecodedRecord> KafkaSource<T> controlSource(String topic, ControlDecoder<T> decoder, Class<T> type) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setProperties(clientProperties())
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "false")
                // A topic created after the job started (by the first publish) is found within seconds.
                .setProperty("partition.discovery.interval.ms", "10000")
                // A pattern, not a topic list: a topic that does not exist yet is no error, only found later.
                .setTopicPattern(Pattern.compile(Pattern.quote(topic)))
                .setGroupId(settings.groupId() + "-" + topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ControlTopicRecords<>(decoder, type))
                .build();
    }

    /**
     * @param name distinguishes this sink's transactional ids from the job's other sinks
     * @param key null for records without a key
     */
    public <T> KafkaSink<T> sink(String topic, String name, SerializationSchema<T> key, SerializationSchema<T> value) {
        Properties producer = clientProperties();
        producer.setProperty("transaction.timeout.ms", Long.toString(settings.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new WriteTimeRecords<>(topic, key, value))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + name)
                .build();
    }

    private Properties clientProperties() {
        Properties properties = new Properties();
        properties.putAll(settings.properties());
        return properties;
    }
}
