package io.modelwatch.retraining.rules;

import static io.modelwatch.retraining.rules.ComparisonOperator.GREATER;
import static io.modelwatch.retraining.rules.ComparisonOperator.GREATER_OR_EQUAL;
import static io.modelwatch.retraining.rules.ComparisonOperator.LESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.modelwatch.retraining.rules.Condition.And;
import io.modelwatch.retraining.rules.Condition.Comparison;
import io.modelwatch.retraining.rules.Condition.Or;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionParserTest {
    private static final Comparison PSI_HIGH = new Comparison(Metric.MAX_PSI, null, GREATER_OR_EQUAL, 0.2);
    private static final Comparison ACCURACY_LOW = new Comparison(Metric.ACCURACY, null, LESS, 0.8);
    private static final Comparison ERRORS_HIGH = new Comparison(Metric.ERROR_RATE, null, GREATER, 0.05);

    private static Condition parse(String text) {
        return ConditionParser.parse("r", text);
    }

    @Test
    void andBindsTighterThanOrOnTheRight() {
        assertThat(parse("max_psi >= 0.2 or accuracy < 0.8 and error_rate > 0.05"))
                .isEqualTo(new Or(List.of(PSI_HIGH, new And(List.of(ACCURACY_LOW, ERRORS_HIGH)))));
    }

    @Test
    void andBindsTighterThanOrOnTheLeft() {
        assertThat(parse("max_psi >= 0.2 and accuracy < 0.8 or error_rate > 0.05"))
                .isEqualTo(new Or(List.of(new And(List.of(PSI_HIGH, ACCURACY_LOW)), ERRORS_HIGH)));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(parse("(max_psi >= 0.2 or accuracy < 0.8) and error_rate > 0.05"))
                .isEqualTo(new And(List.of(new Or(List.of(PSI_HIGH, ACCURACY_LOW)), ERRORS_HIGH)));
    }

    @Test
    void redundantParenthesesAndWhitespaceChangeNothing() {
        assertThat(parse("  ((max_psi>=0.2))  ")).isEqualTo(PSI_HIGH);
    }

    @Test
    void chainsOfTheSameConnectiveAreOneNode() {
        assertThat(parse("max_psi >= 0.2 or accuracy < 0.8 or error_rate > 0.05"))
                .isEqualTo(new Or(List.of(PSI_HIGH, ACCURACY_LOW, ERRORS_HIGH)));
    }

    @ParameterizedTest(name = "{1} {2} 0.2 is {3}")
    @CsvSource({
        "'<',  0.1, true",  "'<',  0.2, false", "'<',  0.3, false",
        "'<=', 0.1, true",  "'<=', 0.2, true",  "'<=', 0.3, false",
        "'>',  0.1, false", "'>',  0.2, false", "'>',  0.3, true",
        "'>=', 0.1, false", "'>=', 0.2, true",  "'>=', 0.3, true",
        "'==', 0.1, false", "'==', 0.2, true",  "'==', 0.3, false",
        "'!=', 0.1, true",  "'!=', 0.2, false", "'!=', 0.3, true",
    })
    void everyOperatorComparesTheMetricWithTheConstant(String operator, double value, boolean expected) {
        Condition condition = parse("accuracy " + operator + " 0.2");
        assertThat(condition.evaluate(MapMetrics.of("accuracy", value))).isEqualTo(expected);
    }

    static Stream<Arguments> everyMetricOfTheDesign() {
        return Stream.of(
                arguments("max_psi > 0", Metric.MAX_PSI, null),
                arguments("psi[income] > 0", Metric.PSI, "income"),
                arguments("max_drift_score > 0", Metric.MAX_DRIFT_SCORE, null),
                arguments("drift_score[income] > 0", Metric.DRIFT_SCORE, "income"),
                arguments("drift_share > 0", Metric.DRIFT_SHARE, null),
                arguments("drifted_features > 0", Metric.DRIFTED_FEATURES, null),
                arguments("dataset_drift == true", Metric.DATASET_DRIFT, null),
                arguments("missing_share[income] > 0", Metric.MISSING_SHARE, "income"),
                arguments("accuracy > 0", Metric.ACCURACY, null),
                arguments("precision_weighted > 0", Metric.PRECISION_WEIGHTED, null),
                arguments("recall_weighted > 0", Metric.RECALL_WEIGHTED, null),
                arguments("f1_weighted > 0", Metric.F1_WEIGHTED, null),
                arguments("f1_macro > 0", Metric.F1_MACRO, null),
                arguments("estimated_accuracy > 0", Metric.ESTIMATED_ACCURACY, null),
                arguments("label_coverage > 0", Metric.LABEL_COVERAGE, null),
                arguments("error_rate > 0", Metric.ERROR_RATE, null),
                arguments("predictions > 0", Metric.PREDICTIONS, null),
                arguments("latency_p50_ms > 0", Metric.LATENCY_P50_MS, null),
                arguments("latency_p95_ms > 0", Metric.LATENCY_P95_MS, null),
                arguments("latency_p99_ms > 0", Metric.LATENCY_P99_MS, null),
                arguments("concept_drift == drift", Metric.CONCEPT_DRIFT, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMetricOfTheDesign")
    void everyMetricOfTheDesignParses(String text, Metric metric, String feature) {
        Comparison comparison = (Comparison) parse(text);
        assertThat(comparison.metric()).isEqualTo(metric);
        assertThat(comparison.feature()).isEqualTo(feature);
    }

    @Test
    void theDesignsMetricsAreExactlyTheKnownOnes() {
        assertThat(everyMetricOfTheDesign().map(a -> (Metric) a.get()[1])).containsExactlyInAnyOrder(Metric.values());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0.2, 0.2", "-0.5, -0.5", ".5, 0.5", "2., 2.0", "1e-3, 0.001", "2.5E+2, 250", "10, 10"})
    void numbersMayBeDecimalNegativeOrInExponentForm(String written, double expected) {
        assertThat(((Comparison) parse("max_psi > " + written)).operand()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "psi[income] > 0             | income",
        "psi[ income ] > 0           | income",
        "drift_score[credit.limit-2] > 0 | credit.limit-2",
        "missing_share['age group'] > 0  | age group",
        "psi[\" padded \"] > 0       | ` padded `",
    })
    void aFeatureSelectorIsTheTrimmedTextBetweenTheBracketsUnquoted(String text, String feature) {
        assertThat(((Comparison) parse(text)).feature()).isEqualTo(feature);
    }

    @ParameterizedTest(name = "{0} with dataset_drift {1} is {2}")
    @CsvSource({
        "dataset_drift == true,  1.0, true", "dataset_drift == true,  0.0, false",
        "dataset_drift == false, 0.0, true", "dataset_drift == false, 1.0, false",
        "dataset_drift == 1,     1.0, true", "dataset_drift != 0,     0.0, false",
    })
    void datasetDriftComparesWithTrueFalseOrOneZero(String text, double reported, boolean expected) {
        assertThat(parse(text).evaluate(MapMetrics.of("dataset_drift", reported))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in state {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "concept_drift == drift     | DRIFT   | true",
        "concept_drift == drift     | WARNING | false",
        "concept_drift == 'drift'   | DRIFT   | true",
        "concept_drift == \"warning\" | WARNING | true",
        "concept_drift != stable    | STABLE  | false",
        "concept_drift >= warning   | STABLE  | false",
        "concept_drift >= warning   | WARNING | true",
        "concept_drift >= warning   | DRIFT   | true",
    })
    void conceptDriftComparesWithOrderedStates(String text, ConceptDriftState reported, boolean expected) {
        assertThat(parse(text).evaluate(MapMetrics.of("concept_drift", reported.level()))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'<'", "'<='", "'>'", "'>='", "'=='", "'!='"})
    void aComparisonOnANullMetricIsFalseWhateverTheOperator(String operator) {
        Condition condition = parse("accuracy " + operator + " 0.2");
        assertThat(condition.evaluate(MapMetrics.of("accuracy", null))).isFalse();
        assertThat(condition.evidence(MapMetrics.of("accuracy", null))).isEmpty();
    }

    @Test
    void aNullMetricMakesItsAndFalseButLeavesTheOtherOrBranchFree() {
        MapMetrics metrics = MapMetrics.of("accuracy", null, "max_psi", 0.3);
        assertThat(parse("accuracy < 0.8 and max_psi >= 0.2").evaluate(metrics)).isFalse();
        assertThat(parse("accuracy < 0.8 or max_psi >= 0.2").evaluate(metrics)).isTrue();
    }

    @Test
    void aSelectorForAFeatureTheReportLacksReadsAsNull() {
        assertThat(parse("psi[unknown] != 0").evaluate(MapMetrics.of("psi[income]", 0.3))).isFalse();
    }

    @Test
    void evidenceOfAnAndHoldsEveryComparedValue() {
        MapMetrics metrics = MapMetrics.of("psi[income]", 0.31, "accuracy", 0.7);
        assertThat(parse("psi[income] >= 0.2 and accuracy < 0.8").evidence(metrics))
                .containsExactly(entry("psi[income]", 0.31), entry("accuracy", 0.7));
    }

    @Test
    void evidenceOfAnOrHoldsOnlyTheBranchesThatHeld() {
        MapMetrics metrics = MapMetrics.of("max_psi", 0.05, "accuracy", 0.7, "error_rate", 0.2);
        assertThat(parse("max_psi >= 0.2 or accuracy < 0.8 or error_rate > 0.05").evidence(metrics))
                .containsExactly(entry("accuracy", 0.7), entry("error_rate", 0.2));
    }

    @Test
    void evidenceOfAFalseConditionIsEmpty() {
        MapMetrics metrics = MapMetrics.of("max_psi", 0.3, "accuracy", 0.9);
        assertThat(parse("max_psi >= 0.2 and accuracy < 0.8").evidence(metrics)).isEmpty();
    }

    private static Map.Entry<String, Double> entry(String key, double value) {
        return Map.entry(key, value);
    }

    static Stream<Arguments> malformedConditions() {
        return Stream.of(
                arguments("max_pis >= 0.2", "unknown metric 'max_pis' at position 1"),
                arguments("MAX_PSI >= 0.2", "unknown metric 'MAX_PSI' at position 1"),
                arguments("", "empty condition at position 1"),
                arguments("   ", "empty condition at position 1"),
                arguments("max_psi >= 0.2 and accuracy[income] < 0.8",
                        "metric 'accuracy' takes no feature selector at position 28"),
                arguments("psi > 0.1", "metric 'psi' needs a feature selector (psi[feature]) at position 1"),
                arguments("psi[] > 0.1", "empty feature selector at position 4"),
                arguments("psi[income > 0.1", "unclosed feature selector at position 4"),
                arguments("max_psi 0.2",
                        "expected a comparison operator (<, <=, >, >=, ==, !=) but found '0.2' at position 9"),
                arguments("max_psi = 0.2",
                        "unexpected character '=' (comparisons are <, <=, >, >=, ==, !=) at position 9"),
                arguments("max_psi ! 0.2",
                        "unexpected character '!' (comparisons are <, <=, >, >=, ==, !=) at position 9"),
                arguments("max_psi >=", "expected a number but found the end of the condition at position 11"),
                arguments("accuracy < high", "expected a number but found 'high' at position 12"),
                arguments("accuracy < true", "expected a number but found 'true' at position 12"),
                arguments("max_psi >= 0.2 and", "expected a metric but found the end of the condition at position 19"),
                arguments("max_psi >= 0.2 or or accuracy < 1", "expected a metric but found 'or' at position 19"),
                arguments("()", "expected a metric but found ')' at position 2"),
                arguments("0.2 < max_psi", "expected a metric but found '0.2' at position 1"),
                arguments("max_psi >= 0.2 accuracy < 0.8",
                        "expected 'and', 'or' or the end of the condition but found 'accuracy' at position 16"),
                arguments("max_psi >= 0.2 AND accuracy < 0.8",
                        "expected 'and', 'or' or the end of the condition but found 'AND' at position 16"),
                arguments("max_psi >= 0.2)",
                        "expected 'and', 'or' or the end of the condition but found ')' at position 15"),
                arguments("(max_psi >= 0.2", "expected ')' but found the end of the condition at position 16"),
                arguments("max_psi >= 1.2.3", "malformed number '1.2.3' at position 12"),
                arguments("max_psi >= -", "malformed number '-' at position 12"),
                arguments("max_psi >= 0.2 && accuracy < 0.8", "unexpected character '&' at position 16"),
                arguments("concept_drift == 'drift", "unterminated string at position 18"),
                arguments("concept_drift == drifting",
                        "expected stable, warning or drift but found 'drifting' at position 18"),
                arguments("concept_drift == 2", "expected stable, warning or drift but found '2' at position 18"),
                arguments("dataset_drift == 0.5",
                        "expected true or false (or 1 / 0) but found '0.5' at position 18"));
    }

    @Test
    void parenthesesMayNestAHundredDeep() {
        String nested = "(".repeat(ConditionParser.MAX_DEPTH) + "max_psi >= 0.2" + ")".repeat(ConditionParser.MAX_DEPTH);
        assertThat(parse(nested)).isEqualTo(PSI_HIGH);
    }

    @Test
    void deeperNestingIsRefusedBeforeItExhaustsTheStack() {
        int depth = 50_000;
        String nested = "(".repeat(depth) + "max_psi >= 0.2" + ")".repeat(depth);
        assertThatThrownBy(() -> ConditionParser.parse("deep", nested))
                .isInstanceOf(RuleConfigException.class)
                .hasMessage("rule 'deep': parentheses nested more than 100 deep at position 101");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedConditions")
    void aMalformedConditionNamesTheRuleTheProblemAndItsPosition(String text, String problem) {
        assertThatThrownBy(() -> ConditionParser.parse("critical-drift", text))
                .isInstanceOf(RuleConfigException.class)
                .hasMessage("rule 'critical-drift': " + problem);
    }
}
