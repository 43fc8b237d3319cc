package io.modelwatch.monitoring.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.report.Performance;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceAccumulatorTest {
    private static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");

    private static LabeledOutcome outcome(String actual, String predicted, long delayMillis) {
        return new LabeledOutcome("p", "m", "v1", predicted, actual, T0, T0.plusMillis(delayMillis));
    }

    /** scikit-learn's documentation example: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]. */
    private static PerformanceAccumulator sklearnExample(int from, int to) {
        String[] actual = {"0", "1", "2", "0", "1", "2"};
        String[] predicted = {"0", "2", "1", "0", "0", "1"};
        PerformanceAccumulator outcomes = new PerformanceAccumulator();
        for (int i = from; i < to; i++) {
            outcomes.add(outcome(actual[i], predicted[i], 1000L * (i + 1)));
        }
        return outcomes;
    }

    @Test
    void classificationMetricsFollowScikitLearn() {
        Performance performance = sklearnExample(0, 6).toReport(12, false, new EstimatedAccuracy());
        assertThat(performance.labeled()).isEqualTo(6);
        assertThat(performance.labelCoverage()).isEqualTo(0.5);
        assertThat(performance.accuracy()).isCloseTo(1.0 / 3, within(1e-12));
        // sklearn docs: f1_score(..., average='macro') = 0.26666..., 'weighted' = 0.26666...
        assertThat(performance.f1Macro()).isCloseTo(0.8 / 3, within(1e-12));
        assertThat(performance.f1Weighted()).isCloseTo(0.8 / 3, within(1e-12));
        assertThat(performance.precisionWeighted()).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(performance.recallWeighted()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(performance.perClass().get("0").support()).isEqualTo(2);
        assertThat(performance.perClass().get("0").precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(performance.mae()).isNull();
    }

    @Test
    void labelDelayPercentilesAreNumpysLinearQuantiles() {
        Performance performance = sklearnExample(0, 6).toReport(6, false, new EstimatedAccuracy());
        // np.quantile([1000, ..., 6000], 0.5) = 3500, 0.95 → 5000 + 0.75 · 1000
        assertThat(performance.labelDelayMs().p50()).isEqualTo(3500.0);
        assertThat(performance.labelDelayMs().p95()).isEqualTo(5750.0);
    }

    @Test
    void mergedPartsGiveTheSameSectionAsOnePlace() {
        PerformanceAccumulator merged = sklearnExample(0, 2);
        merged.merge(sklearnExample(2, 6));
        assertThat(merged.toReport(12, false, new EstimatedAccuracy()))
                .isEqualTo(sklearnExample(0, 6).toReport(12, false, new EstimatedAccuracy()));
    }

    @Test
    void regressorsGetMaeRmseAndMape() {
        // sklearn docs: y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8] → MAE 0.5, MSE 0.375
        PerformanceAccumulator outcomes = new PerformanceAccumulator();
        String[][] pairs = {{"3", "2.5"}, {"-0.5", "0.0"}, {"2", "2"}, {"7", "8"}};
        for (String[] pair : pairs) {
            outcomes.add(outcome(pair[0], pair[1], 10));
        }
        Performance performance = outcomes.toReport(4, true, new EstimatedAccuracy());
        assertThat(performance.mae()).isCloseTo(0.5, within(1e-15));
        assertThat(performance.rmse()).isCloseTo(Math.sqrt(0.375), within(1e-15));
        // sklearn docs: mean_absolute_percentage_error = 0.3273...: (0.5/3 + 0.5/0.5 + 0 + 1/7) / 4
        assertThat(performance.mape()).isCloseTo((0.5 / 3 + 1 + 1.0 / 7) / 4, within(1e-15));
        assertThat(performance.accuracy()).isNull();
    }

    @Test
    void windowWithoutLabelsOrProbabilitiesHasNoPerformance() {
        assertThat(new PerformanceAccumulator().toReport(100, false, new EstimatedAccuracy())).isNull();
    }

    @Test
    void windowWithoutLabelsStillReportsTheEstimate() {
        EstimatedAccuracy estimate = new EstimatedAccuracy();
        estimate.add(new PredictionEvent("p", "m", "v1", T0, Map.of(), "1", Map.of("0", 0.3, "1", 0.7), null, 1.0, null));
        estimate.add(new PredictionEvent("q", "m", "v1", T0, Map.of(), "0", Map.of("0", 0.9, "1", 0.1), null, 1.0, null));
        Performance performance = new PerformanceAccumulator().toReport(2, false, estimate);
        assertThat(performance.labeled()).isZero();
        assertThat(performance.labelCoverage()).isZero();
        assertThat(performance.accuracy()).isNull();
        assertThat(performance.estimatedAccuracy()).isCloseTo(0.8, within(1e-15));
    }
}
