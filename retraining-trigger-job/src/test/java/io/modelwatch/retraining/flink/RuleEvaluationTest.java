package io.modelwatch.retraining.flink;

import static io.modelwatch.retraining.report.TestReports.end;
import static io.modelwatch.retraining.report.TestReports.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.modelwatch.common.control.ControlRecord;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.retraining.delivery.DeliveryRequest;
import io.modelwatch.retraining.rules.ActionConfig;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import io.modelwatch.retraining.report.ModelVersionKey;
import io.modelwatch.retraining.report.ReportEnvelope;
import io.modelwatch.retraining.report.TestReports;
import io.modelwatch.retraining.rules.RuleSetRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
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
    private static final String STRONG_DRIFT = """
            rules:
              - {name: drift, when: max_psi >= 0.5, severity: critical, actions: []}
            """;
    private static final String MILD_DRIFT = """
              - {name: mild-drift, when: max_psi >= 0.2, severity: warning, actions: []}
            """;
    private static final String EVERY_TIME = """
            rules:
              - name: drift
                when: max_psi >= 0.2
                severity: warning
                cooldown: 10m
                actions: []
            """;

    private KeyedTwoInputStreamOperatorTestHarness<ModelVersionKey, ReportEnvelope, RuleSetRecord, Decision> harness;

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

        watermark(end(3).toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(decision("m", "v1", 2, Severity.CRITICAL));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aReportIsHeldUntilTheWatermarkReachesItsWindowEnd() throws Exception {
        harness = harness(EVERY_TIME);
        process(envelope("m", "v1", 2, 0.3));

        watermark(end(2).toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(end(2).toEpochMilli());
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

        watermark(end(2).toEpochMilli());

        assertThat(harness.extractOutputValues()).containsExactly(decision("m", "v1", 2, Severity.CRITICAL));
    }

    @Test
    void aReportAtOrBehindTheWatermarkIsEvaluatedAtOnceWhenItIsStillInOrderForItsModel() throws Exception {
        harness = harness(EVERY_TIME);
        watermark(end(5).toEpochMilli());

        process(envelope("m", "v1", 4, 0.3));

        assertThat(harness.extractOutputValues()).containsExactly(decision("m", "v1", 4, Severity.WARNING));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aReportEndingBeforeTheLastEvaluatedOneIsDeadLetteredAndAReplayIsDropped() throws Exception {
        harness = harness(EVERY_TIME);
        process(envelope("m", "v1", 2, 0.0));
        watermark(end(2).toEpochMilli());

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

        watermark(end(1).toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(RuleEvaluation.LATE)).isNull();
    }

    @Test
    void waitingReportsAndTimersAreGoneOnceEvaluatedAndOnlyTheLastWindowEndRemainsForAQuietModel() throws Exception {
        harness = harness(TWO_IN_A_ROW);
        process(envelope("m", "v1", 1, 0.0));
        process(envelope("m", "v1", 2, 0.1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        watermark(end(2).toEpochMilli());

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void aRulesStateIsKeptWhileItsStreakOrCooldownMattersAndDroppedAfterwards() throws Exception {
        harness = harness(EVERY_TIME);
        watermark(end(3).toEpochMilli());

        process(envelope("m", "v1", 1, 0.3));
        assertThat(harness.extractOutputValues()).hasSize(1);
        // the last window end, and the firing at window 1 whose cooldown runs until window 3 ends
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        process(envelope("m", "v1", 2, 0.0));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        process(envelope("m", "v1", 3, 0.0));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void aRuleSetThatArrivesAppliesToTheReportsEvaluatedAfterItAndATombstonePutsTheFileBack() throws Exception {
        harness = harness(STRONG_DRIFT);
        process(envelope("m", "v1", 1, 0.3));
        watermark(end(1).toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();

        ruleSet(0, STRONG_DRIFT + MILD_DRIFT);
        process(envelope("m", "v1", 2, 0.3));
        watermark(end(2).toEpochMilli());
        ruleSet(1, null);
        process(envelope("m", "v1", 3, 0.3));
        watermark(end(3).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Decision::rule, Decision::windowEnd)
                .containsExactly(tuple("mild-drift", end(2)));
    }

    @Test
    void theRulesInputNeverMovesEventTimeNotEvenWhileTheReportsAreIdle() throws Exception {
        harness = harness(EVERY_TIME);
        process(envelope("m", "v1", 1, 0.3));

        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        harness.processWatermarkStatus1(WatermarkStatus.IDLE);
        ruleSet(0, EVERY_TIME);
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        harness.processWatermarkStatus2(WatermarkStatus.ACTIVE);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermarkStatus1(WatermarkStatus.ACTIVE);
        watermark(end(1).toEpochMilli());
        assertThat(harness.extractOutputValues()).containsExactly(decision("m", "v1", 1, Severity.WARNING));
    }

    @Test
    void aChangedConditionStartsANewStreakWhileTheLastFiringStillCoolsTheRuleDown() throws Exception {
        harness = harness(TWO_IN_A_ROW);
        watermark(end(9).toEpochMilli());
        process(envelope("m", "v1", 1, 0.3));           // streak 1
        ruleSet(0, TWO_IN_A_ROW.replace("max_psi >= 0.2", "max_psi >= 0.25"));
        process(envelope("m", "v1", 2, 0.3));           // a new streak: 1, not 2
        process(envelope("m", "v1", 3, 0.3));           // 2: fires on the window ending 00:15, cooling down until 00:25
        ruleSet(1, TWO_IN_A_ROW.replace("for: 2", "for: 1"));
        process(envelope("m", "v1", 4, 0.3));           // holds, but 00:20 < 00:25
        process(envelope("m", "v1", 5, 0.3));           // fires: 00:25

        assertThat(harness.extractOutputValues()).extracting(Decision::windowEnd).containsExactly(end(3), end(5));
    }

    @Test
    void eachDecisionsRequestsCarryTheActionsAsTheRuleSetInForceDefinesThem() throws Exception {
        String fileRules = """
                rules:
                  - {name: drift, when: max_psi >= 0.2, severity: warning, actions: [hook]}
                actions:
                  hook: {type: webhook, url: "https://file.example/hook", secret_env: HOOK_SECRET}
                """;
        harness = harness(fileRules);
        watermark(end(9).toEpochMilli());
        process(envelope("m", "v1", 1, 0.3));
        ruleSet(0, fileRules.replace("file.example", "topic.example"));
        process(envelope("m", "v1", 2, 0.3));

        List<DeliveryRequest> requests = harness.getSideOutput(RuleEvaluation.REQUESTS).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(requests).extracting(request -> request.decision().windowEnd(), DeliveryRequest::action,
                        request -> ActionConfig.fromJson(request.action(), request.actionJson()).settings().get("url"))
                .containsExactly(tuple(end(1), "hook", "https://file.example/hook"),
                        tuple(end(2), "hook", "https://topic.example/hook"));
    }


    private void process(ReportEnvelope envelope) throws Exception {
        harness.processElement1(envelope, envelope.eventTime());
    }

    /** A rule set from the topic at {@code offset}, validated as the source validates it; null yaml: a tombstone. */
    private void ruleSet(long offset, String yaml) throws Exception {
        RuleSetRecord record = RuleSetRecord.decode(ControlRecord.of("retraining-rules", 0, offset, 1_000L,
                RuleSetRecord.KEY.getBytes(StandardCharsets.UTF_8),
                yaml == null ? null : yaml.getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(record.isAccepted()).as(String.valueOf(record.deadLetter())).isTrue();
        harness.processElement2(record, Long.MIN_VALUE);
    }

    private void watermark(long timestamp) throws Exception {
        harness.processWatermark1(new Watermark(timestamp));
    }

    private static Decision decision(String model, String version, int window, Severity severity) {
        return Decision.of(model, version, "drift", severity, end(window).minus(TestReports.WINDOW), end(window),
                Map.of("max_psi", 0.3), List.of());
    }

    static KeyedTwoInputStreamOperatorTestHarness<ModelVersionKey, ReportEnvelope, RuleSetRecord, Decision> harness(
            String rules) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<ModelVersionKey, ReportEnvelope, RuleSetRecord, Decision> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(new ReportTimeOperator(new RuleEvaluation(rules)),
                        envelope -> ModelVersionKey.of(envelope.report()), null, TypeInformation.of(ModelVersionKey.class));
        harness.open();
        return harness;
    }
}
