package io.modelwatch.retraining.flink;

import static io.modelwatch.retraining.report.TestReports.end;
import static io.modelwatch.retraining.report.TestReports.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.report.TestReports;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleEvaluationTest {
    /** Fires when two reports in a row have max_psi >= 0.2; at most once per 10 minutes of windows. */
    private static final String TWO_IN_A_ROW = """
            rules:
              - name: drift
                when: max_psi >= 0.2
                for: 2
                severity: critical
                cooldown: 10m
                actions: []
            """;
    private static final String EVERY_TIME = """
            rules:
              - name: drift
                when: max_psi >= 0.2
                severity: warning
                cooldown: 10m
                actions: []
            """;

    private KeyedOneInputStreamOperatorTestHarness<ModelVersionKey, ReportEnvelope, Decision> harness;

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void reportsThatArriveOutOfOrderAreEvaluatedInWindowOrderOnceTheWatermarkPassesThem() throws Exception {
        harness = harness(TWO_IN_A_ROW);
        // In window order: 1 drifts, 2 drifts (fires), 3 does not. In arrival order 2, 3, 1 no streak would reach 2.
        process(envelope("m", "v1", 2, 0.3));
        process(envelope("m", "v1", 3, 0.0));
        process(envelope("m", "v1", 1, 0.3));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(3);

        harness.processWatermark(end(3).toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(decision("m", "v1", 2, Severity.CRITICAL));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aReportIsHeldUntilTheWatermarkReachesItsWindowEnd() throws Exception {
        harness = harness(EVERY_TIME);
        process(envelope("m", "v1", 2, 0.3));

        harness.processWatermark(end(2).toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(end(2).toEpochMilli());
        assertThat(harness.extractOutputValues()).containsExactly(decision("m", "v1", 2, Severity.WARNING));
    }

    @Test
    void eachModelVersionKeepsItsOwnStreak() throws Exception {
        harness = harness(TWO_IN_A_ROW);
        process(envelope("m", "v1", 1, 0.3));
        process(envelope("m", "v2", 1, 0.0));
        process(envelope("other", "v1", 1, 0.3));
        process(envelope("m", "v1", 2, 0.3));
        process(envelope("m", "v2", 2, 0.3));
        process(envelope("other", "v1", 2, 0.0));

        harness.processWatermark(end(2).toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(decision("m", "v1", 2, Severity.CRITICAL));
    }

    @Test
    void aReportAtOrBehindTheWatermarkIsEvaluatedAtOnceWhenItIsStillInOrderForItsModel() throws Exception {
        harness = harness(EVERY_TIME);
        harness.processWatermark(end(5).toEpochMilli());

        process(envelope("m", "v1", 4, 0.3));

        assertThat(harness.extractOutputValues()).containsExactly(decision("m", "v1", 4, Severity.WARNING));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aReportEndingBeforeTheLastEvaluatedOneIsDeadLetteredAndAReplayIsDropped() throws Exception {
        harness = harness(EVERY_TIME);
        process(envelope("m", "v1", 2, 0.0));
        harness.processWatermark(end(2).toEpochMilli());

        process(envelope("m", "v1", 1, 0.3));
        process(envelope("m", "v1", 2, 0.3));

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetter> late = harness.getSideOutput(RuleEvaluation.LATE).stream().map(StreamRecord::getValue).toList();
        assertThat(late).singleElement().satisfies(letter -> {
            assertThat(letter.sourceTopic()).isEqualTo("model-window-reports");
            assertThat(letter.offset()).isEqualTo(1);
            assertThat(letter.error()).isEqualTo("window_end: 2026-11-28T00:05:00Z arrived after the report ending "
                    + "2026-11-28T00:10:00Z was evaluated (more out of order than the configured bound)");
            assertThat(letter.payload()).isEqualTo(TestReports.jsonLine("m", "v1", 1, 0.3));
        });
    }

    @Test
    void aReplayOfAWaitingReportIsDroppedSoTheFirstOneWins() throws Exception {
        harness = harness(EVERY_TIME);
        process(envelope("m", "v1", 1, 0.0));
        process(envelope("m", "v1", 1, 0.3));

        harness.processWatermark(end(1).toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(RuleEvaluation.LATE)).isNull();
    }

    @Test
    void waitingReportsAndTimersAreGoneOnceEvaluatedAndOnlyTheLastWindowEndRemainsForAQuietModel() throws Exception {
        harness = harness(TWO_IN_A_ROW);
        process(envelope("m", "v1", 1, 0.0));
        process(envelope("m", "v1", 2, 0.1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(end(2).toEpochMilli());

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void aRulesStateIsKeptWhileItsStreakOrCooldownMattersAndDroppedAfterwards() throws Exception {
        harness = harness(EVERY_TIME);
        harness.processWatermark(end(3).toEpochMilli());

        process(envelope("m", "v1", 1, 0.3));
        assertThat(harness.extractOutputValues()).hasSize(1);
        // the last window end, and the firing at window 1 whose cooldown runs until window 3 ends
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        process(envelope("m", "v1", 2, 0.0));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        process(envelope("m", "v1", 3, 0.0));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    private void process(ReportEnvelope envelope) throws Exception {
        harness.processElement(envelope, envelope.eventTime());
    }

    private static Decision decision(String model, String version, int window, Severity severity) {
        return Decision.of(model, version, "drift", severity, end(window).minus(TestReports.WINDOW), end(window),
                Map.of("max_psi", 0.3), List.of());
    }

    private static KeyedOneInputStreamOperatorTestHarness<ModelVersionKey, ReportEnvelope, Decision> harness(String rules)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new RuleEvaluation(rules),
                envelope -> ModelVersionKey.of(envelope.report()), TypeInformation.of(ModelVersionKey.class));
    }
}
