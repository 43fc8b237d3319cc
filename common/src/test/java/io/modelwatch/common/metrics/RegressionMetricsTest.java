package io.modelwatch.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.modelwatch.common.metrics.MetricsOracle.RegressionCase;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegressionMetricsTest {

    static List<RegressionCase> oracleCases() {
        return MetricsOracle.load().regression();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void matchesTheNumpyOracleOfSklearnsDefinitions(RegressionCase oracle) {
        RegressionMetrics metrics = RegressionMetrics.from(accumulate(oracle.actual(), oracle.predicted(), 0, oracle.actual().length))
                .orElseThrow();

        assertThat(metrics.count()).isEqualTo(oracle.actual().length);
        assertThat(metrics.mae()).isCloseTo(oracle.expected().mae(), relative(oracle.expected().mae()));
        assertThat(metrics.rmse()).isCloseTo(oracle.expected().rmse(), relative(oracle.expected().rmse()));
        assertThat(metrics.mape()).isCloseTo(oracle.expected().mape(), relative(oracle.expected().mape()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void mergingTwoHalvesGivesTheMetricsOfTheWhole(RegressionCase oracle) {
        int n = oracle.actual().length;
        RegressionAccumulator merged = accumulate(oracle.actual(), oracle.predicted(), 0, n / 2)
                .merge(accumulate(oracle.actual(), oracle.predicted(), n / 2, n));
        RegressionMetrics whole = RegressionMetrics.from(accumulate(oracle.actual(), oracle.predicted(), 0, n)).orElseThrow();

        RegressionMetrics metrics = RegressionMetrics.from(merged).orElseThrow();

        assertThat(metrics.count()).isEqualTo(whole.count());
        // Only the order of the floating-point additions differs.
        assertThat(metrics.mae()).isCloseTo(whole.mae(), relative(whole.mae()));
        assertThat(metrics.rmse()).isCloseTo(whole.rmse(), relative(whole.rmse()));
        assertThat(metrics.mape()).isCloseTo(whole.mape(), relative(whole.mape()));
    }

    /**
     * scikit-learn's docstrings for y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8]: MAE 0.5, MSE 0.375
     * (so RMSE 0.612...), MAPE 0.3273... By hand: (0.5/3 + 0.5/0.5 + 0/2 + 1/7) / 4 = 0.327380952...
     */
    @Test
    void reproducesSklearnsRegressionExamples() {
        RegressionMetrics metrics = metricsOf(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});

        assertThat(metrics.mae()).isEqualTo(0.5);
        assertThat(metrics.rmse()).isCloseTo(Math.sqrt(0.375), within(1e-15));
        assertThat(metrics.mape()).isCloseTo((0.5 / 3 + 1 + 0 + 1.0 / 7) / 4, within(1e-15)).isBetween(0.3273, 0.3274);
    }

    /** scikit-learn's mean_absolute_percentage_error docstring prints 112589990684262.48 for an actual value of 0. */
    @Test
    void anActualOfZeroDividesByMachineEpsilonAsInSklearnsExample() {
        RegressionMetrics metrics = metricsOf(new double[] {1.0, 0.0, 2.4, 7.0}, new double[] {1.2, 0.1, 2.4, 8.0});

        assertThat(metrics.mape()).isCloseTo(112589990684262.48, relative(112589990684262.48));
    }

    @Test
    void noOutcomesMeansNoMetrics() {
        assertThat(RegressionMetrics.from(new RegressionAccumulator())).isEmpty();
    }

    @Test
    void nonFiniteValuesAreRejected() {
        RegressionAccumulator accumulator = new RegressionAccumulator();

        assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(Double.NaN, 1.0));
        assertThatIllegalArgumentException().isThrownBy(() -> accumulator.add(1.0, Double.POSITIVE_INFINITY));
        assertThat(accumulator.getCount()).isZero();
    }

    private static Offset<Double> relative(double expected) {
        return within(1e-12 * Math.max(1.0, Math.abs(expected)));
    }

    private static RegressionMetrics metricsOf(double[] actual, double[] predicted) {
        return RegressionMetrics.from(accumulate(actual, predicted, 0, actual.length)).orElseThrow();
    }

    private static RegressionAccumulator accumulate(double[] actual, double[] predicted, int from, int to) {
        RegressionAccumulator accumulator = new RegressionAccumulator();
        for (int i = from; i < to; i++) {
            accumulator.add(actual[i], predicted[i]);
        }
        return accumulator;
    }
}
