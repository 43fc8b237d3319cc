package io.modelwatch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.monitoring.config.MonitoringConfig;
import io.modelwatch.monitoring.flink.Connectors;
import io.modelwatch.monitoring.reference.ModelCatalog;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Flink maps a savepoint's state to operators by their uids, so an operator that keeps state keeps
 * its uid from release to release: this is the job as it runs on a cluster, with Kafka sources and
 * both kinds of sinks, and the uids its operators have had since release 43e83d7. Changing one of
 * the stateful ones makes every savepoint fail to restore (or, with --allowNonRestoredState, lose
 * that operator's state); a stateless operator's uid may change.
 */
class OperatorUidsTest {
    /** The uids of the operators with state, as release 43e83d7 gave them. */
    static final Set<String> STATEFUL = Set.of("predictions-source", "labels-source", "route-events", "label-join",
            "partial-windows", "concept-drift", "merge-partials", "reports-kafka-sink", "reports-file-sink",
            "dead-letters-kafka-sink", "dead-letters-file-sink");
    /** Stateful operators added since 43e83d7: a savepoint of that release has no state for them, and they start empty. */
    static final Set<String> STATEFUL_SINCE = Set.of("local-windows", "local-outcome-windows", "profiles-source");
    /** Flink derives the uids of the sinks' committers from the sinks'. */
    static final Set<String> COMMITTERS = Set.of("Sink Committer: reports-kafka-sink", "Sink Committer: reports-file-sink",
            "Sink Committer: dead-letters-kafka-sink", "Sink Committer: dead-letters-file-sink");
    /** The uids of stateless operators: 43e83d7 had route-labels instead of valid-events, valid-labels and count-dead-letters. */
    static final Set<String> STATELESS = Set.of("valid-events", "valid-labels", "late-observations", "partials-never-idle",
            "report-gauges", "count-dead-letters", "late-partials", "valid-profiles");
    /** Operators without a uid must keep no state: Flink generates theirs from the graph's shape. */
    static final Set<String> WITHOUT_UID = Set.of("events as observations", "labels", "outcomes as observations", "predictions to join",
            "classifier outcomes", "concept-drift notes", "profile notes", "concept-drift notes without idle status");

    @Test
    void everyOperatorWithStateKeepsTheUidOfThePreviousRelease() throws Exception {
        MonitoringConfig config = MonitoringConfig.load(null, Map.of("source.type", "kafka", "source.labels", "kafka",
                "kafka.bootstrap-servers", "localhost:9092", "sinks.kafka", "true",
                "sinks.reports-directory", "/tmp/reports", "sinks.dead-letters-directory", "/tmp/dead-letters"));
        ModelCatalog catalog = MonitoringJob.catalog(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        MonitoringJob.defineWorkflow(env, config, catalog, Connectors.source(config), Connectors.labelsSource(config),
                Connectors.profilesSource(config), Connectors.reportSink(config), Connectors.deadLetterSink(config));
        StreamGraph graph = env.getStreamGraph();

        Set<String> uids = new TreeSet<>();
        Set<String> withoutUid = new TreeSet<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getTransformationUID() == null) {
                withoutUid.add(node.getOperatorName());
            } else {
                uids.add(node.getTransformationUID());
            }
        }

        Set<String> expected = new TreeSet<>(STATEFUL);
        expected.addAll(STATEFUL_SINCE);
        expected.addAll(COMMITTERS);
        expected.addAll(STATELESS);
        assertThat(uids).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(withoutUid).as("operators without a uid; one that keeps state needs one")
                .containsExactlyInAnyOrderElementsOf(WITHOUT_UID);
    }
}
