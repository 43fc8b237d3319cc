package io.modelwatch.retraining;

import static io.modelwatch.retraining.report.TestReports.end;
import static io.modelwatch.retraining.report.TestReports.jsonLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import io.modelwatch.retraining.report.TestReports;
import io.modelwatch.retraining.flink.TriggerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RetrainingTriggerJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String RULES = """
            rules:
              - name: drift
                when: max_psi >= 0.2
                for: 2
                severity: critical
                cooldown: 10m
                actions: []
            """;

    @TempDir
    Path dir;

    @Test
    void aReportsFileYieldsTheDecisionsInWindowOrderAndDeadLettersForItsBadLines() throws Exception {
        Path reports = Files.writeString(dir.resolve("reports.jsonl"), String.join("\n",
                jsonLine("m", "v1", 1, 0.3),
                "{\"model\": ",
                jsonLine("m", "v1", 2, 0.3),    // v1 fires: two in a row
                "",
                jsonLine("m", "v2", 1, 0.3),
                "{\"model\": \"m\", \"model_version\": \"v2\", \"window_start\": \"2026-11-28T00:05:00Z\"}",
                jsonLine("m", "v1", 3, 0.3),    // v1 streak 1, and cooling down until 00:20
                jsonLine("m", "v1", 5, 0.0),    // arrives before window 4, within the 10-minute bound
                jsonLine("m", "v2", 2, 0.3),    // v2 fires
                jsonLine("m", "v1", 4, 0.3))    // v1 streak 2, window ends 00:20: fires again
                + "\n");
        StreamExecutionEnvironment env = environment();
        DataStream.Collector<Decision> decisions = new DataStream.Collector<>();
        DataStream.Collector<DeadLetter> deadLetters = new DataStream.Collector<>();

        RetrainingTriggerJob.defineWorkflow(env, RetrainingTriggerJob.fileSource(reports),
                new TriggerSettings(RULES, Duration.ofMinutes(10), Duration.ofMinutes(1)),
                stream -> stream.collectAsync(decisions), stream -> stream.collectAsync(deadLetters));
        env.executeAsync("trigger over a file");

        List<Decision> decided = drain(decisions.getOutput());
        assertThat(decided).containsExactlyInAnyOrder(decision("v1", 2), decision("v1", 4), decision("v2", 2));
        assertThat(decided).filteredOn(d -> d.modelVersion().equals("v1"))
                .containsExactly(decision("v1", 2), decision("v1", 4));
        List<DeadLetter> rejected = drain(deadLetters.getOutput());
        assertThat(rejected).extracting(DeadLetter::sourceTopic, DeadLetter::partition, DeadLetter::offset)
                .containsExactlyInAnyOrder(tuple(reports.toString(), -1, 2L), tuple(reports.toString(), -1, 6L));
        assertThat(rejected).filteredOn(letter -> letter.offset() == 2L).singleElement().satisfies(letter -> {
            assertThat(letter.error()).startsWith("$: malformed JSON: ");
            assertThat(letter.payload()).isEqualTo("{\"model\": ");
        });
        assertThat(rejected).filteredOn(letter -> letter.offset() == 6L).extracting(DeadLetter::error)
                .containsExactly("window_end: is required");
    }

    static Decision decision(String version, int window) {
        return Decision.of("m", version, "drift", Severity.CRITICAL, end(window).minus(TestReports.WINDOW), end(window),
                Map.of("max_psi", 0.3), List.of());
    }

    static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(config);
        env.setParallelism(2);
        return env;
    }

    static <T> List<T> drain(CloseableIterator<T> iterator) throws Exception {
        List<T> all = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(all::add);
        }
        return all;
    }
}
