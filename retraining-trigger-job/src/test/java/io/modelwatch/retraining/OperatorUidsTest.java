package io.modelwatch.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.config.KafkaSettings;
import io.modelwatch.common.flink.KafkaConnector;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.flink.TriggerKafka;
import io.modelwatch.retraining.flink.TriggerSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Flink maps a savepoint's state to operators by their uids, so an operator that keeps state keeps
 * its uid from release to release: this is the job as it runs on a cluster, reports from Kafka,
 * rule sets from the rules topic, audit records and dead letters to Kafka, and the uids its operators
 * have had since release 43e83d7. Changing one of the stateful ones makes every savepoint fail to restore (or, with
 * --allowNonRestoredState, lose that operator's state); a stateless operator's uid may change.
 */
class OperatorUidsTest {
    /**
     * The uids of the operators with state, as release 43e83d7 gave them, and rule-sets-source (the
     * rules topic's offsets), new with the rules topic; evaluate-rules has kept its uid and its keyed
     * state, and got the broadcast state of the rule set in force.
     */
    static final Set<String> STATEFUL = Set.of("window-reports-source", "evaluate-rules", "deliver-to-actions",
            "retraining-events-sink", "dead-letter-sink", "Sink Committer: retraining-events-sink",
            "Sink Committer: dead-letter-sink", "rule-sets-source");
    /** The uids of stateless operators; count-dead-letters and reject-invalid-rule-sets are new since 43e83d7. */
    static final Set<String> STATELESS = Set.of("reject-bad-reports", "count-dead-letters", "reject-invalid-rule-sets");
    /**
     * Operators without a uid must keep no state: Flink generates theirs from the graph's shape.
     * "one request per action" of 43e83d7 is gone: the evaluation emits the requests itself.
     */
    static final Set<String> WITHOUT_UID = Set.of("decision audit records",
            "delivery audit records", "failed deliveries", "failed delivery dead letters");

    @Test
    void everyOperatorWithStateKeepsTheUidOfThePreviousRelease() {
        TriggerKafka kafka = new TriggerKafka(new KafkaConnector(new KafkaSettings("localhost:9092", "trigger", "committed",
                "modelwatch-trigger", Duration.ofMinutes(15), Map.of())));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        RetrainingTriggerJob.defineWorkflow(env, kafka.reportSource("model-window-reports").build(),
                kafka.rulesSource("retraining-rules"),
                new TriggerSettings("rules: [{name: r, when: max_psi >= 0.2, severity: info, actions: []}]", Duration.ofMinutes(10), Duration.ofMinutes(1)), DeliverySettings.defaults(),
                audit -> kafka.writeAudit(audit, "retraining-events"),
                deadLetters -> kafka.writeDeadLetters(deadLetters, "retraining-dead-letter"));

        Set<String> uids = new TreeSet<>();
        Set<String> withoutUid = new TreeSet<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            if (node.getTransformationUID() == null) {
                withoutUid.add(node.getOperatorName());
            } else {
                uids.add(node.getTransformationUID());
            }
        }

        Set<String> expected = new TreeSet<>(STATEFUL);
        expected.addAll(STATELESS);
        assertThat(uids).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(withoutUid).as("operators without a uid; one that keeps state needs one")
                .containsExactlyInAnyOrderElementsOf(WITHOUT_UID);
    }
}
