package io.modelwatch.monitoring.flink;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.deadletter.DeadLetterCodec;
import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.common.decode.RecordDecoder;
import io.modelwatch.common.flink.DeadLetterSerializationSchema;
import io.modelwatch.common.flink.JsonLinesFormat;
import io.modelwatch.common.flink.KafkaConnector;
import io.modelwatch.common.flink.WindowReportSerializationSchema;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import io.modelwatch.monitoring.ingest.EventDecoder;
import io.modelwatch.monitoring.ingest.IncomingEvent;
import io.modelwatch.monitoring.ingest.IncomingLabel;
import io.modelwatch.monitoring.ingest.LabelDecoder;
import io.modelwatch.monitoring.reference.ProfileUpdate;
import io.modelwatch.monitoring.reference.ProfileUpdateDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The sources and sinks a configuration selects. */
public final class Connectors {
    private Connectors() {}

    public static EventDecoder decoder(MonitoringConfig config) {
        return new EventDecoder(config.limits().maxEventBytes(), config.limits().maxFeaturesPerEvent());
    }

    /** Where events come from, as dead letters name it. */
    public static String sourceName(MonitoringConfig config) {
        return switch (config.source().type()) {
            case "kafka" -> config.kafka().predictionsTopic();
            case "file" -> config.source().path();
            default -> GeneratedEvents.SOURCE;
        };
    }

    /** Where labels come from, as dead letters name it; inline {@code actual} comes with the events. */
    public static String labelsSourceName(MonitoringConfig config) {
        return switch (config.source().labels()) {
            case "kafka" -> config.kafka().labelsTopic();
            case "file" -> config.source().labelsPath();
            default -> sourceName(config);
        };
    }

    public static Source<IncomingEvent, ?, ?> source(MonitoringConfig config) {
        EventDecoder decoder = decoder(config);
        return switch (config.source().type()) {
            case "kafka" -> kafka(config).source(config.kafka().predictionsTopic(), decoder, IncomingEvent.class);
            case "file" -> fileSource(config.source().path(), decoder);
            default -> generatorSource(config.source());
        };
    }

    /** The reference profiles added while the job runs ({@code kafka.profiles-topic}), or null when it reads none. */
    public static Source<ProfileUpdate, ?, ?> profilesSource(MonitoringConfig config) {
        return config.kafka().readsProfiles(config.source())
                ? kafka(config).controlSource(config.kafka().profilesTopic(), new ProfileUpdateDecoder(), ProfileUpdate.class)
                : null;
    }

    /** The labels source the configuration selects, or null for {@code source.labels: none}. */
    public static Source<IncomingLabel, ?, ?> labelsSource(MonitoringConfig config) {
        LabelDecoder decoder = new LabelDecoder(config.limits().maxEventBytes());
        return switch (config.source().labels()) {
            case "kafka" -> kafka(config).source(config.kafka().labelsTopic(), decoder, IncomingLabel.class);
            case "file" -> fileSource(config.source().labelsPath(), decoder, IncomingLabel.class);
            default -> null;
        };
    }

    public static Source<IncomingEvent, ?, ?> fileSource(String path, EventDecoder decoder) {
        return fileSource(path, decoder, IncomingEvent.class);
    }

    private static <T extends DecodedRecord> Source<T, ?, ?> fileSource(String path, RecordDecoder<T> decoder,
            Class<T> type) {
        return JsonLinesFormat.fileSource(path, decoder, type);
    }

    /** The generator's events from index 0; unbounded when {@code generator-events} is 0. */
    static Source<IncomingEvent, ?, ?> generatorSource(MonitoringConfig.Source source) {
        TrafficGenerator generator = new TrafficGenerator(GeneratorConfig.DEFAULTS
                .withSeed(source.generatorSeed()).withEventsPerSecond(source.generatorRate()));
        long count = source.generatorEvents() == 0 ? Long.MAX_VALUE : source.generatorEvents();
        return new DataGeneratorSource<>(new GeneratedEvents(generator), count, RateLimiterStrategy.noOp(),
                TypeInformation.of(IncomingEvent.class));
    }

    public static Consumer<DataStream<WindowReport>> reportSink(MonitoringConfig config) {
        return reports -> {
            if (config.sinks().kafka()) {
                reports.sinkTo(kafka(config).sink(config.kafka().reportsTopic(), "reports",
                                new ReportKey(), new WindowReportSerializationSchema()))
                        .uid("reports-kafka-sink").name("reports to Kafka");
            }
            if (config.sinks().reportsDirectory() != null) {
                reports.sinkTo(fileSink(config.sinks().reportsDirectory(), new WindowReportSerializationSchema()))
                        .uid("reports-file-sink").name("reports to files");
            }
            if (config.sinks().console()) {
                reports.map(new ReportTable()).name("report rows").print().name("reports to stdout");
            }
        };
    }

    public static Consumer<DataStream<DeadLetter>> deadLetterSink(MonitoringConfig config) {
        return deadLetters -> {
            if (config.sinks().kafka()) {
                deadLetters.sinkTo(kafka(config).sink(config.kafka().deadLetterTopic(), "dead-letters",
                                null, new DeadLetterSerializationSchema()))
                        .uid("dead-letters-kafka-sink").name("dead letters to Kafka");
            }
            if (config.sinks().deadLettersDirectory() != null) {
                deadLetters.sinkTo(fileSink(config.sinks().deadLettersDirectory(), new DeadLetterSerializationSchema()))
                        .uid("dead-letters-file-sink").name("dead letters to files");
            }
            if (config.sinks().console()) {
                deadLetters.map(deadLetter -> new String(new DeadLetterCodec().write(deadLetter), StandardCharsets.UTF_8))
                        .name("dead-letter lines").printToErr().name("dead letters to stderr");
            }
        };
    }

    private static <T> FileSink<T> fileSink(String directory, SerializationSchema<T> format) {
        return FileSink.forRowFormat(new Path(directory), new JsonLineEncoder<>(format)).build();
    }

    private static KafkaConnector kafka(MonitoringConfig config) {
        return new KafkaConnector(config.kafka().settings());
    }
}
