package io.modelwatch.retraining;

import static io.modelwatch.retraining.report.TestReports.end;
import static io.modelwatch.retraining.report.TestReports.jsonLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.modelwatch.common.flink.ControlTopicPublisher;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.testing.QueueSink;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.delivery.DeliverySettings;
import io.modelwatch.retraining.flink.TriggerKafka;
import io.modelwatch.retraining.flink.TriggerSettings;
import io.modelwatch.retraining.rules.RuleSetRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule sets published to a real Kafka rules topic while the job runs (docs/RULES-TOPIC.md). The
 * reports allow no disorder, so a report is evaluated when the next one arrives; the tests wait
 * for the job's own metrics (reports evaluated, the rules topic offset each subtask applies) before
 * each next step, so which rule set evaluates which report does not depend on timing.
 */
class RetrainingTriggerJobRulesTopicTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String FILE_RULES = """
            rules:
              - {name: drift, when: max_psi >= 0.5, severity: critical, cooldown: 1h, actions: []}
            """;
    private static final String MILD_DRIFT_ADDED = FILE_RULES + """
              - {name: mild-drift, when: max_psi >= 0.2, severity: warning, actions: []}
            """;
    private static final String TYPO = FILE_RULES + """
              - {name: typo, when: max_pis >= 0.2, severity: warning, actions: []}
            """;
    /** drift's condition changed (its streak restarts, its cooldown holds), mild-drift removed, a marker added. */
    private static final String DRIFT_CHANGED = """
            rules:
              - {name: drift, when: max_psi >= 0.4, severity: critical, cooldown: 1h, actions: []}
              - {name: marker, when: max_psi >= 0.9, severity: info, actions: []}
            """;

    private static TestKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aRuleSetPublishedMidStreamAppliesToLaterReportsAnInvalidOneIsDeadLetteredAndAChangedRulesCooldownHolds()
            throws Exception {
        kafka.createTopics("reports-1");
        QueueSink<AuditRecord> audit = new QueueSink<>();
        QueueSink<DeadLetter> deadLetters = new QueueSink<>();
        JobClient job = job("reports-1", "rules-1", audit, deadLetters).executeAsync("rules from a topic");
        try (ControlTopicPublisher rules = publisher("rules-1")) {
            // window  psi  evaluated under     decisions
            //   1     0.3  the rules file      -                  (drift needs 0.5)
            //   2     0.3  set 0               mild-drift
            //   3     0.6  set 0 (1 rejected)  drift (cooling down until 01:15), mild-drift
            //   4     0.3  set 2               -
            //   5     0.6  set 2               -                  (drift's condition holds, but it cools down)
            //   7     0.9  set 2               marker             (drift still cools down)
            report(1, 0.3);
            report(2, 0.3);
            awaitEvaluated(job, 1);
            assertThat(rules.publish(RuleSetRecord.KEY, MILD_DRIFT_ADDED).offset()).isZero();
            awaitRulesOffset(job, 0);
            report(3, 0.6);
            awaitEvaluated(job, 2);
            assertThat(rules.publish(RuleSetRecord.KEY, TYPO).offset()).isEqualTo(1);
            QueueSink.await(job, WAIT, () -> deadLetters.received().size() == 1, () -> "dead letters " + deadLetters.received());
            report(4, 0.3);
            awaitEvaluated(job, 3);
            assertThat(rules.publish(RuleSetRecord.KEY, DRIFT_CHANGED).offset()).isEqualTo(2);
            awaitRulesOffset(job, 2);
            report(5, 0.6);
            report(6, 0.1);
            report(7, 0.9);
            report(8, 0.0);
            // Decisions reach the sink in the order they were made: once marker's is there, all are.
            QueueSink.await(job, WAIT, () -> audit.received().stream().anyMatch(record -> record.rule().equals("marker")),
                    () -> "audit " + audit.received());
        } finally {
            job.cancel().get();
        }

        assertThat(audit.received()).extracting(AuditRecord::rule, AuditRecord::windowEnd).containsExactly(
                tuple("mild-drift", end(2)), tuple("drift", end(3)), tuple("mild-drift", end(3)), tuple("marker", end(7)));
        assertThat(deadLetters.received()).singleElement().satisfies(letter -> {
            assertThat(letter.sourceTopic()).isEqualTo("rules-1");
            assertThat(letter.offset()).isEqualTo(1);
            assertThat(letter.error()).startsWith("rule set not applied, the rules in force stay: rule 'typo': ")
                    .contains("unknown metric 'max_pis'");
        });
    }

    @Test
    void aRuleSetThatArrivedAfterTheStartIsStillInForceAfterARestartFromASavepoint() throws Exception {
        kafka.createTopics("reports-2");
        QueueSink<AuditRecord> audit = new QueueSink<>();
        JobClient first = job("reports-2", "rules-2", audit, new QueueSink<>()).executeAsync("until the savepoint");
        String savepoint;
        try (ControlTopicPublisher rules = publisher("rules-2")) {
            rules.publish(RuleSetRecord.KEY, MILD_DRIFT_ADDED);
            awaitRulesOffset(first, 0);
            savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        } finally {
            // A job left running would hold the cluster's slots and starve the next test.
            if (!first.getJobStatus().get().isGloballyTerminalState()) {
                first.cancel().get();
            }
        }

        // The restarted job reads no rules topic at all: the rule set can only come from the evaluation's state.
        StreamExecutionEnvironment env = RetrainingTriggerJobTest.environment();
        Configuration fromSavepoint = new Configuration();
        fromSavepoint.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        fromSavepoint.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        env.configure(fromSavepoint);
        TriggerKafka endpoints = kafka.endpoints("rules-test-reports-2");
        RetrainingTriggerJob.defineWorkflow(env, endpoints.reportSource("reports-2").build(), settings(),
                DeliverySettings.defaults(), stream -> stream.sinkTo(audit).name("audit"), stream -> { });
        JobClient second = env.executeAsync("from the savepoint");
        try {
            // Under the rules file's drift (0.5) window 1 decides nothing; under the rule set mild-drift fires.
            report("reports-2", 1, 0.3);
            report("reports-2", 2, 0.0);
            QueueSink.await(second, WAIT, () -> !audit.received().isEmpty(), () -> "audit " + audit.received());
        } finally {
            second.cancel().get();
        }

        assertThat(audit.received()).extracting(AuditRecord::rule, AuditRecord::windowEnd)
                .containsExactly(tuple("mild-drift", end(1)));
    }

    private static StreamExecutionEnvironment job(String reports, String rules, QueueSink<AuditRecord> audit,
            QueueSink<DeadLetter> deadLetters) throws Exception {
        publisher(rules).close();
        StreamExecutionEnvironment env = RetrainingTriggerJobTest.environment();
        TriggerKafka endpoints = kafka.endpoints("rules-test-" + reports);
        RetrainingTriggerJob.defineWorkflow(env, endpoints.reportSource(reports).build(), endpoints.rulesSource(rules),
                settings(), DeliverySettings.defaults(), stream -> stream.sinkTo(audit).name("audit"),
                stream -> stream.sinkTo(deadLetters).name("dead letters"));
        return env;
    }

    /** The rules topic, created compacted as the command line creates it. */
    private static ControlTopicPublisher publisher(String topic) throws Exception {
        ControlTopicPublisher publisher = new ControlTopicPublisher(kafka.bootstrapServers(), topic, Map.of());
        publisher.ensureTopic();
        return publisher;
    }

    /** No disorder allowed: a report is evaluated once the next one arrives; a quiet second subtask goes idle. */
    private static TriggerSettings settings() {
        return new TriggerSettings(FILE_RULES, Duration.ZERO, Duration.ofMillis(300));
    }

    private static void report(int window, double psi) throws Exception {
        report("reports-1", window, psi);
    }

    private static void report(String topic, int window, double psi) throws Exception {
        kafka.send(topic, "m", List.of(jsonLine("m", "v1", window, psi)));
    }

    private static void awaitEvaluated(JobClient job, long reports) throws Exception {
        QueueSink.await(job, WAIT, () -> evaluated(job) == reports,
                () -> reports + " reports evaluated, not " + evaluated(job));
    }

    private static long evaluated(JobClient job) {
        return metrics(job.getJobID(), "evaluated_reports").stream().mapToLong(metric -> ((Counter) metric).getCount()).sum();
    }

    /** Waits until both subtasks of the evaluation apply the rule set at {@code offset}. */
    private static void awaitRulesOffset(JobClient job, long offset) throws Exception {
        LongPredicate applied = value -> value == offset;
        QueueSink.await(job, WAIT, () -> {
            List<Metric> gauges = metrics(job.getJobID(), "rules_offset");
            return gauges.size() == 2 && gauges.stream().allMatch(gauge -> applied.test((Long) ((Gauge<?>) gauge).getValue()));
        }, () -> "the rule set at offset " + offset + " in force on every subtask");
    }

    private static List<Metric> metrics(JobID job, String name) {
        return METRICS.findMetrics(job, name).entrySet().stream()
                .filter(metric -> metric.getKey().endsWith("." + name)).map(Map.Entry::getValue).toList();
    }
}
