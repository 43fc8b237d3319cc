package io.modelwatch.common.stats;

import static io.modelwatch.common.stats.Oracle.assertPValue;
import static io.modelwatch.common.stats.Oracle.assertScore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Measures over the union of categories, against the NumPy/SciPy oracle. */
class CategoricalDriftTest {

    static Stream<JsonNode> cases() {
        return Oracle.cases("categorical.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void measuresOverTheUnionOfCategoriesMatchTheOracle(JsonNode expected) {
        AlignedCounts counts = AlignedCounts.categorical(
                Oracle.counts(expected.get("reference")), Oracle.counts(expected.get("current")));
        String description = expected.get("name").asText();

        ChiSquareTest.Result chiSquare = ChiSquareTest.test(counts);

        assertScore(chiSquare.statistic(), expected.get("chi_square").asDouble(), description);
        assertPValue(chiSquare.pValue(), expected.get("chi_square_p_value").asDouble(), description);
        assertThat(chiSquare.degreesOfFreedom()).as(description).isEqualTo(expected.get("dof").asInt());
        assertScore(PopulationStabilityIndex.of(counts), expected.get("psi").asDouble(), description);
        assertScore(JensenShannon.distance(counts), expected.get("jensen_shannon").asDouble(), description);
        assertScore(Hellinger.distance(counts), expected.get("hellinger").asDouble(), description);
        assertScore(KlDivergence.of(counts), expected.get("kl_div").asDouble(), description);
    }

    @Test
    void numericalValuesCountedAsDistinctCategoriesMatchTheOracle() {
        JsonNode expected = cases().filter(c -> c.get("name").asText().equals("dice as distinct values"))
                .findFirst().orElseThrow();

        AlignedCounts counts = AlignedCounts.distinctValues(Oracle.sample("dice_1500"), Oracle.sample("dice_900_loaded"));

        assertThat(counts).isEqualTo(AlignedCounts.categorical(
                Oracle.counts(expected.get("reference")), Oracle.counts(expected.get("current"))));
        assertPValue(ChiSquareTest.test(counts).pValue(), expected.get("chi_square_p_value").asDouble(), "dice");
    }

    @Test
    void categoriesEmptyOnBothSidesAreLeftOutOfTheChiSquareTest() {
        ChiSquareTest.Result withEmpty = ChiSquareTest.test(AlignedCounts.of(new long[] {30, 0, 70}, new long[] {45, 0, 55}));
        ChiSquareTest.Result without = ChiSquareTest.test(AlignedCounts.of(new long[] {30, 70}, new long[] {45, 55}));

        assertThat(withEmpty).isEqualTo(without);
    }
}
