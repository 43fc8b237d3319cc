package io.modelwatch.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.metrics.MetricsOracle.ClassificationCase;
import io.modelwatch.common.metrics.MetricsOracle.ExpectedClass;
import io.modelwatch.common.metrics.MetricsOracle.ExpectedClassification;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassificationMetricsTest {
    private static final Offset<Double> TOLERANCE = within(1e-12);

    static List<ClassificationCase> oracleCases() {
        return MetricsOracle.load().classification();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void matchesTheNumpyOracleOfSklearnsDefinitions(ClassificationCase oracle) {
        ClassificationMetrics metrics = ClassificationMetrics.from(accumulate(oracle.actual(), oracle.predicted())).orElseThrow();

        assertMatches(metrics, oracle.expected());
        assertThat(metrics.labeled()).isEqualTo(oracle.actual().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void mergingTwoHalvesGivesTheMetricsOfTheWhole(ClassificationCase oracle) {
        int half = oracle.actual().size() / 2;
        ConfusionMatrixAccumulator first = accumulate(oracle.actual().subList(0, half), oracle.predicted().subList(0, half));
        ConfusionMatrixAccumulator second = accumulate(
                oracle.actual().subList(half, oracle.actual().size()),
                oracle.predicted().subList(half, oracle.predicted().size()));

        ClassificationMetrics merged = ClassificationMetrics.from(first.merge(second)).orElseThrow();

        assertThat(merged).isEqualTo(ClassificationMetrics.from(accumulate(oracle.actual(), oracle.predicted())).orElseThrow());
        assertMatches(merged, oracle.expected());
    }

    @Test
    void noOutcomesMeansNoMetrics() {
        assertThat(ClassificationMetrics.from(new ConfusionMatrixAccumulator())).isEmpty();
    }

    /**
     * scikit-learn's docstring of precision_recall_fscore_support prints, for these labels,
     * average='macro' and 'weighted' → (0.22..., 0.33..., 0.26...), and per class for ['pig', 'dog', 'cat']
     * precision [0, 0, 0.66...], recall [0, 0, 1], F1 [0, 0, 0.8], support [2, 2, 2].
     * By hand: cat has tp 2 of 3 predicted and 2 actual, so P = 2/3, R = 1, F1 = 0.8; macro P = 2/9.
     */
    @Test
    void reproducesSklearnsPrecisionRecallFscoreSupportExample() {
        ClassificationMetrics metrics = metricsOf(
                List.of("cat", "dog", "pig", "cat", "dog", "pig"),
                List.of("cat", "pig", "dog", "cat", "cat", "dog"));

        assertThat(metrics.precisionMacro()).isCloseTo(2.0 / 9, TOLERANCE);
        assertThat(metrics.recallMacro()).isCloseTo(1.0 / 3, TOLERANCE);
        assertThat(metrics.f1Macro()).isCloseTo(0.8 / 3, TOLERANCE);
        assertThat(metrics.precisionWeighted()).isCloseTo(2.0 / 9, TOLERANCE);
        assertThat(metrics.recallWeighted()).isCloseTo(1.0 / 3, TOLERANCE);
        assertThat(metrics.f1Weighted()).isCloseTo(0.8 / 3, TOLERANCE);
        assertThat(metrics.perClass().get("cat")).isEqualTo(new ClassMetrics(2.0 / 3, 1.0, 0.8, 2));
        assertThat(metrics.perClass().get("dog")).isEqualTo(new ClassMetrics(0.0, 0.0, 0.0, 2));
        assertThat(metrics.perClass().get("pig")).isEqualTo(new ClassMetrics(0.0, 0.0, 0.0, 2));
        assertThat(metrics.accuracy()).isCloseTo(1.0 / 3, TOLERANCE);
    }

    /**
     * scikit-learn's recall_score docstring: y_true = [0]*6, y_pred = [0, 2, 1, 0, 0, 1] gives per-class
     * recall [0.5, 0, 0]: labels 1 and 2 were only predicted, so their recall is 0/0 → 0 (zero_division=0).
     */
    @Test
    void labelsOnlyPredictedGetZeroRecallAsInSklearnsRecallExample() {
        ClassificationMetrics metrics = metricsOf(List.of("0", "0", "0", "0", "0", "0"), List.of("0", "2", "1", "0", "0", "1"));

        assertThat(metrics.labels()).containsExactly("0", "1", "2");
        assertThat(metrics.perClass().values()).extracting(ClassMetrics::recall).containsExactly(0.5, 0.0, 0.0);
        assertThat(metrics.perClass().values()).extracting(ClassMetrics::support).containsExactly(6L, 0L, 0L);
        assertThat(metrics.recallMacro()).isCloseTo(0.5 / 3, TOLERANCE);
        // Weighted by support, only label 0 counts: its recall 0.5.
        assertThat(metrics.recallWeighted()).isCloseTo(0.5, TOLERANCE);
    }

    /** scikit-learn's confusion_matrix and accuracy_score docstrings. */
    @Test
    void reproducesSklearnsConfusionMatrixAndAccuracyExamples() {
        assertThat(metricsOf(List.of("2", "0", "2", "2", "0", "1"), List.of("0", "0", "2", "2", "0", "2")).confusionMatrix())
                .isEqualTo(List.of(List.of(2L, 0L, 0L), List.of(0L, 0L, 1L), List.of(1L, 0L, 2L)));
        assertThat(metricsOf(List.of("0", "1", "2", "3"), List.of("0", "2", "1", "3")).accuracy()).isEqualTo(0.5);
    }

    private static void assertMatches(ClassificationMetrics metrics, ExpectedClassification expected) {
        assertThat(metrics.labels()).isEqualTo(expected.labels());
        assertThat(metrics.accuracy()).isCloseTo(expected.accuracy(), TOLERANCE);
        assertThat(metrics.precisionMacro()).isCloseTo(expected.precisionMacro(), TOLERANCE);
        assertThat(metrics.recallMacro()).isCloseTo(expected.recallMacro(), TOLERANCE);
        assertThat(metrics.f1Macro()).isCloseTo(expected.f1Macro(), TOLERANCE);
        assertThat(metrics.precisionWeighted()).isCloseTo(expected.precisionWeighted(), TOLERANCE);
        assertThat(metrics.recallWeighted()).isCloseTo(expected.recallWeighted(), TOLERANCE);
        assertThat(metrics.f1Weighted()).isCloseTo(expected.f1Weighted(), TOLERANCE);
        assertThat(metrics.confusionMatrix()).isEqualTo(expected.confusionMatrix());
        assertThat(metrics.perClass().keySet()).containsExactlyElementsOf(expected.labels());
        for (Map.Entry<String, ExpectedClass> e : expected.perClass().entrySet()) {
            ClassMetrics actual = metrics.perClass().get(e.getKey());
            assertThat(actual.precision()).as("precision of %s", e.getKey()).isCloseTo(e.getValue().precision(), TOLERANCE);
            assertThat(actual.recall()).as("recall of %s", e.getKey()).isCloseTo(e.getValue().recall(), TOLERANCE);
            assertThat(actual.f1()).as("f1 of %s", e.getKey()).isCloseTo(e.getValue().f1(), TOLERANCE);
            assertThat(actual.support()).as("support of %s", e.getKey()).isEqualTo(e.getValue().support());
        }
    }

    private static ClassificationMetrics metricsOf(List<String> actual, List<String> predicted) {
        return ClassificationMetrics.from(accumulate(actual, predicted)).orElseThrow();
    }

    private static ConfusionMatrixAccumulator accumulate(List<String> actual, List<String> predicted) {
        ConfusionMatrixAccumulator accumulator = new ConfusionMatrixAccumulator();
        for (int i = 0; i < actual.size(); i++) {
            accumulator.add(actual.get(i), predicted.get(i));
        }
        return accumulator;
    }
}
