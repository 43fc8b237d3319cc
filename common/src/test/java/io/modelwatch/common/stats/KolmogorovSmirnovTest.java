package io.modelwatch.common.stats;

import static io.modelwatch.common.stats.Oracle.assertPValue;
import static io.modelwatch.common.stats.Oracle.assertScore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KolmogorovSmirnovTest {

    static Stream<JsonNode> sampleCases() {
        return Oracle.cases("ks.json").stream();
    }

    static Stream<JsonNode> statisticCases() {
        return Oracle.cases("ks_p_value.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleCases")
    void matchesScipyKs2sampOnSamples(JsonNode expected) {
        String description = expected.get("reference").asText() + " vs " + expected.get("current").asText();

        KolmogorovSmirnov.Result result = KolmogorovSmirnov.test(
                Oracle.sample(expected.get("reference").asText()), Oracle.sample(expected.get("current").asText()));

        assertScore(result.statistic(), expected.get("statistic").asDouble(), description);
        assertPValue(result.pValue(), expected.get("p_value").asDouble(), description);
    }

    @ParameterizedTest(name = "d={0}")
    @MethodSource("statisticCases")
    void pValueOfAStatisticAndSampleSizesMatchesScipy(JsonNode expected) {
        long n1 = expected.get("n1").asLong();
        long n2 = expected.get("n2").asLong();
        double d = expected.get("d").asDouble();

        assertPValue(KolmogorovSmirnov.pValue(d, n1, n2), expected.get("p_value").asDouble(),
                "d=" + d + " n1=" + n1 + " n2=" + n2);
    }

    @Test
    void identicalConstantSamplesHaveStatisticZeroAndPValueOne() {
        KolmogorovSmirnov.Result result = KolmogorovSmirnov.test(new double[] {3, 3, 3}, new double[] {3, 3});

        assertThat(result).isEqualTo(new KolmogorovSmirnov.Result(0, 1));
    }

    @Test
    void tiedValuesAreCountedOnBothSidesBeforeComparing() {
        // ECDFs at 1: 2/4 vs 1/2, at 2: 3/4 vs 1/2, at 3: 1 vs 1 → largest gap 1/4.
        KolmogorovSmirnov.Result result = KolmogorovSmirnov.test(new double[] {1, 1, 2, 3}, new double[] {1, 3});

        assertThat(result.statistic()).isEqualTo(0.25);
    }

    @Test
    void singleValuesWithoutOverlapHaveStatisticOneAndPValueOne() {
        // Each of the 2 orderings of two single values gives D = 1.
        assertThat(KolmogorovSmirnov.test(new double[] {1}, new double[] {2}))
                .isEqualTo(new KolmogorovSmirnov.Result(1, 1));
    }

    @Test
    void completelySeparatedSamplesOfTheExactLimitAreFastAndNotNaN() {
        double[] low = IntStream.range(0, 10_000).asDoubleStream().toArray();
        double[] high = IntStream.range(20_000, 29_999).asDoubleStream().toArray();

        KolmogorovSmirnov.Result result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> KolmogorovSmirnov.test(low, high));

        // P(D = 1) = 2 / C(19999, 9999): far below the smallest double.
        assertThat(result).isEqualTo(new KolmogorovSmirnov.Result(1, 0));
    }

    @Test
    void emptyOrNonFiniteSamplesAreRejected() {
        assertThatThrownBy(() -> KolmogorovSmirnov.test(new double[0], new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference sample is empty");
        assertThatThrownBy(() -> KolmogorovSmirnov.test(new double[] {1}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("current sample contains NaN");
    }

    @Test
    void pValueRejectsImpossibleStatisticsAndSizes() {
        assertThatThrownBy(() -> KolmogorovSmirnov.pValue(1.5, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KolmogorovSmirnov.pValue(Double.NaN, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KolmogorovSmirnov.pValue(0.5, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
