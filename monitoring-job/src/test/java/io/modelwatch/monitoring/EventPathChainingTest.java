package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Without the profiles topic, events go from the source's reader to the pre-aggregation without
 * being serialized: the source, the admitting step and the local windows are one task. With it the
 * admitting step has a second, broadcast input and starts a task of its own (BENCHMARKS.md, section 1).
 */
class EventPathChainingTest {
    private static final Map<String, String> KAFKA = Map.of("source.type", "kafka",
            "kafka.bootstrap-servers", "localhost:9092", "sinks.kafka", "true");

    private static List<String> tasks(Map<String, String> settings) throws Exception {
        MonitoringConfig config = MonitoringConfig.load(null, settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        MonitoringJob.defineWorkflow(env, config, MonitoringJob.catalog(config), Connectors.source(config), null,
                Connectors.profilesSource(config), Connectors.reportSink(config), Connectors.deadLetterSink(config));
        return StreamSupport.stream(env.getStreamGraph().getJobGraph().getVertices().spliterator(), false)
                .map(JobVertex::getName).toList();
    }

    @Test
    void aFileReplayAndAKafkaJobWithoutTheTopicReadAdmitAndPreAggregateEventsInOneTask() throws Exception {
        Map<String, String> withoutTopic = new HashMap<>(KAFKA);
        withoutTopic.put("kafka.profiles-topic", "null");
        Map<String, String> file = Map.of("source.type", "file", "source.path", "/tmp/events.jsonl", "sinks.kafka", "false",
                "sinks.reports-directory", "/tmp/reports");

        for (Map<String, String> settings : List.of(withoutTopic, file)) {
            assertThat(tasks(settings)).as(settings.toString()).anySatisfy(name -> assertThat(name)
                    .startsWith("Source: predictions").contains("admit models").contains("local windows of events"))
                    .noneSatisfy(name -> assertThat(name).contains("reference profiles"));
        }
    }

    @Test
    void withTheTopicTheAdmittingStepIsATaskOfItsOwnThatPreAggregatesToo() throws Exception {
        List<String> tasks = tasks(KAFKA);

        assertThat(tasks).anySatisfy(name -> assertThat(name).startsWith("Source: predictions").doesNotContain("admit models"));
        assertThat(tasks).anySatisfy(name -> assertThat(name)
                .startsWith("admit models").contains("local windows of events"));
        assertThat(tasks).anySatisfy(name -> assertThat(name).contains("reference profiles"));
    }
}
