package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.deadletter.DeadLetterCodec;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.flink.FlinkSettings;
import io.modelwatch.common.json.InvalidEventException;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.monitoring.KafkaMonitoringTest.FailOnceAfterCheckpoint;
import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficFiles;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference profiles published to the {@code model-profiles} topic while the job runs, against a
 * real broker. Version v3 serves the first two minutes, then v4 is deployed; its profile is published
 * in the middle of its first window, replaced two windows later, and the job fails and restarts from a
 * checkpoint after the replacement. Each window must be measured against the profile in force at its
 * start, exactly as a job given that profile as a file measures it (the oracle-tested path), and name it.
 */
class ProfilesTopicTest {
    private static final int EVENTS_PER_SECOND = 30;
    private static final Instant START = Instant.parse("2026-11-28T03:00:00Z");
    private static final ReportCodec REPORTS = new ReportCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static TestBroker kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    /** Event lines from {@code START}, seven minutes of them; from minute 2 on the model version is v4. */
    private static List<String> events() throws Exception {
        Path generated = dir.resolve("generated.jsonl");
        TrafficFiles.write(new TrafficGenerator(GeneratorConfig.DEFAULTS.withEventsPerSecond(EVENTS_PER_SECOND)
                .withStart(START)), generated, dir.resolve("labels.jsonl"), 7L * 60 * EVENTS_PER_SECOND + 5 * EVENTS_PER_SECOND);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(generated)) {
            ObjectNode event = (ObjectNode) JSON.readTree(line);
            if (!Instant.parse(event.get("timestamp").asText()).isBefore(at(2, 0))) {
                event.put("model_version", "v4");
            }
            lines.add(JSON.writeValueAsString(event));
        }
        return lines;
    }

    private static Instant at(int minute, int second) {
        return START.plusSeconds(minute * 60L + second);
    }

    /** The profile text of v4's training traffic drawn with {@code seed}: different seeds, different bins. */
    private static String profile(long seed, int rows) {
        TrafficGenerator training = new TrafficGenerator(GeneratorConfig.DEFAULTS.withSeed(seed)
                .withDriftAfter(Duration.ofDays(365)));
        Dataset data = new Dataset("training traffic " + seed);
        for (long i = 0; i < rows; i++) {
            PredictionEvent event = training.event(i);
            if (!event.isError()) {
                data.addRow(event.features(), event.prediction(), null);
            }
        }
        return ProfileCodec.toJson(new ProfileBuilder(ProfileOptions.defaults(), Clock.fixed(START, ZoneOffset.UTC))
                .build(data, TrafficGenerator.MODEL, "v4"));
    }

    private static String sha256Id(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest).substring(0, 16);
    }

    private static Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", "1m");
        overrides.put("shards", "3");
        overrides.put("out-of-orderness", "2s");
        overrides.put("idleness", "0s");
        overrides.put("checkpoints.interval", "1s");
        return overrides;
    }

    /** Reports of the events read from a file with {@code profile} given at start: version/window start → report. */
    private static Map<String, WindowReport> fileRun(List<String> events, String profile) throws Exception {
        Path eventsFile = dir.resolve("events.jsonl");
        Files.write(eventsFile, events);
        Path profileFile = Files.writeString(dir.resolve("profile-" + sha256Id(profile).substring(7) + ".json"), profile);
        Map<String, String> overrides = overrides();
        overrides.put("source.type", "file");
        overrides.put("source.path", eventsFile.toString());
        overrides.put("reference", profileFile.toString());
        overrides.put("sinks.kafka", "false");
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config.checkpoints()));
        env.setParallelism(2);
        DataStream.Collector<WindowReport> reports = new DataStream.Collector<>();
        MonitoringJob.defineWorkflow(env, config, MonitoringJob.catalog(config), Connectors.source(config),
                stream -> stream.collectAsync(reports), stream -> {});
        env.executeAsync();
        Map<String, WindowReport> byWindow = new TreeMap<>();
        reports.getOutput().forEachRemaining(report -> byWindow.put(key(report), report));
        return byWindow;
    }

    private static WindowReport parse(byte[] json) {
        try {
            return REPORTS.parse(json);
        } catch (InvalidEventException e) {
            throw new AssertionError(e);
        }
    }

    private static String key(WindowReport report) {
        return report.modelVersion() + " " + report.windowStart();
    }

    private static JobClient startKafkaJob() throws Exception {
        Map<String, String> overrides = overrides();
        overrides.put("source.type", "kafka");
        overrides.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        overrides.put("kafka.transaction-timeout", "10s");
        overrides.put("kafka.starting-offsets", "earliest");
        MonitoringConfig config = MonitoringConfig.load(null, overrides);
        Configuration flink = FlinkSettings.of(config.checkpoints());
        flink.setString("restart-strategy.type", "fixed-delay");
        flink.setString("restart-strategy.fixed-delay.attempts", "3");
        flink.setString("restart-strategy.fixed-delay.delay", "200 ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(2);
        MonitoringJob.defineWorkflow(env, config, MonitoringJob.catalog(config), Connectors.source(config), null,
                Connectors.profilesSource(config), reports -> Connectors.reportSink(config).accept(reports
                        .map(new FailOnceAfterCheckpoint()).uid("inject-failure").name("fail once after a checkpoint")),
                Connectors.deadLetterSink(config));
        return env.executeAsync();
    }

    /**
     * Events from {@code from} (inclusive) to {@code to} (exclusive), alternately to the two partitions of
     * the predictions topic: with idleness off, every window waits for both, so no event can be late.
     */
    private static void produce(List<String> events, Instant from, Instant to) throws Exception {
        List<List<String>> partitions = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < events.size(); i++) {
            Instant time = Instant.parse(JSON.readTree(events.get(i)).get("timestamp").asText());
            if (!time.isBefore(from) && time.isBefore(to)) {
                partitions.get(i % 2).add(events.get(i));
            }
        }
        kafka.produce("predictions", from.equals(START), partitions);
    }

    private static void publish(String key, String value, Instant timestamp) throws Exception {
        kafka.send(List.of(new ProducerRecord<>("model-profiles", 0, timestamp.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), value == null ? null : value.getBytes(StandardCharsets.UTF_8))), false);
    }

    private static List<DeadLetter> deadLetters(int atLeast) {
        return kafka.readCommitted("monitoring-dead-letter", atLeast).stream()
                .map(record -> new DeadLetterCodec().parse(record.value())).toList();
    }

    @Test
    void eachWindowIsMeasuredAgainstTheProfileInForceAtItsStartAcrossAReplacementAndARestart() throws Exception {
        List<String> events = events();
        String first = profile(101, 3_000);
        String second = profile(202, 3_000);
        assertThat(sha256Id(first)).isNotEqualTo(sha256Id(second));
        Map<String, WindowReport> withFirst = fileRun(events, first);
        Map<String, WindowReport> withSecond = fileRun(events, second);

        // The failure comes with the report of v4's window at 03:05, after the second profile has been
        // checkpointed: the restarted job must still know it, since its source resumes after it.
        FailOnceAfterCheckpoint.arm(at(5, 0));
        kafka.produce("model-profiles", true, List.of(List.of()));
        produce(events, START, at(2, 30));
        JobClient job = startKafkaJob();
        try {
            // v4's first profile, published at 03:02:20: from the window at 03:03 on, never half of 03:02's.
            publish("credit-default/v4", first, at(2, 20));
            publish("credit-default/v4", "{not json", at(2, 21));
            // A committed dead letter means a checkpoint completed after every operator had the profile.
            assertThat(deadLetters(1)).extracting(DeadLetter::sourceTopic, DeadLetter::partition, DeadLetter::offset)
                    .containsExactly(tuple("model-profiles", 0, 1L));
            produce(events, at(2, 30), at(4, 10));
            publish("credit-default/v4", second, at(4, 30));
            publish("credit-default/v3", "{\"format\": \"modelwatch-reference-profile\", \"version\": 1}", at(4, 31));
            publish("credit-default/v4", first.replace("\"v4\"", "\"v5\""), at(4, 32));
            assertThat(deadLetters(3)).hasSize(3);
            produce(events, at(4, 10), at(6, 5));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!FailOnceAfterCheckpoint.FAILED.get() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(FailOnceAfterCheckpoint.FAILED).as(() -> "the failure was injected; reports so far: "
                    + kafka.readCommitted("model-window-reports", 0).stream()
                            .map(record -> key(parse(record.value()))).toList()).isTrue();
            produce(events, at(6, 5), at(7, 5));

            Map<String, WindowReport> reports = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : kafka.readCommitted("model-window-reports", 7)) {
                WindowReport report = REPORTS.parse(record.value());
                assertThat(reports.put(key(report), report)).as(key(report) + " reported once").isNull();
            }
            assertThat(reports.keySet()).containsExactly("v3 " + at(0, 0), "v3 " + at(1, 0), "v4 " + at(2, 0),
                    "v4 " + at(3, 0), "v4 " + at(4, 0), "v4 " + at(5, 0), "v4 " + at(6, 0));
            for (String unprofiled : List.of("v3 " + at(0, 0), "v3 " + at(1, 0), "v4 " + at(2, 0))) {
                assertThat(reports.get(unprofiled).datasetDrift()).as(unprofiled).isNull();
                assertThat(reports.get(unprofiled).reference()).as(unprofiled).isNull();
            }
            assertMeasuredAgainst(reports, withFirst, sha256Id(first), "v4 " + at(3, 0), "v4 " + at(4, 0));
            assertMeasuredAgainst(reports, withSecond, sha256Id(second), "v4 " + at(5, 0), "v4 " + at(6, 0));

            // In offset order: dead letters of different subtasks reach their topic in any order.
            List<DeadLetter> deadLetters = deadLetters(3).stream().sorted(Comparator.comparingLong(DeadLetter::offset)).toList();
            assertThat(deadLetters).extracting(DeadLetter::offset).containsExactly(1L, 3L, 4L);
            assertThat(deadLetters.get(0).error()).startsWith("value:").contains("not JSON");
            assertThat(deadLetters.get(1).error()).isEqualTo("value: features: the profile has no features");
            assertThat(deadLetters.get(2).error()).contains("version 'v5'").contains("the key says model 'credit-default' version 'v4'");
        } finally {
            job.cancel().get();
        }
    }

    private static void assertMeasuredAgainst(Map<String, WindowReport> reports, Map<String, WindowReport> oracle,
            String profileId, String... windows) throws Exception {
        for (String window : windows) {
            WindowReport report = reports.get(window);
            assertThat(report.reference().profileId()).as(window).isEqualTo(profileId);
            assertThat(report.reference().modelVersion()).isEqualTo("v4");
            assertThat(report.reference().createdAt()).isEqualTo(START);
            assertThat(report.datasetDrift()).as(window).isNotNull();
            JsonOracle.assertMatches(JSON.readTree(REPORTS.write(oracle.get(window))), JSON.readTree(REPORTS.write(report)),
                    window);
        }
    }
}
