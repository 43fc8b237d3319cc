package io.modelwatch.common.stats;

import static io.modelwatch.common.stats.Oracle.assertPValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KolmogorovDistributionTest {

    static Stream<JsonNode> cases() {
        return Oracle.cases("kstwo.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void survivalFunctionMatchesScipyKstwoInEveryRegion(JsonNode expected) {
        int n = expected.get("n").asInt();
        double x = expected.get("x").asDouble();

        assertPValue(KolmogorovDistribution.sf(x, n), expected.get("sf").asDouble(), "n=" + n + " x=" + x);
    }

    @Test
    void survivalFunctionIsOneAtZeroAndZeroAtOne() {
        assertThat(KolmogorovDistribution.sf(0, 50)).isEqualTo(1);
        assertThat(KolmogorovDistribution.sf(1, 50)).isEqualTo(0);
    }

    @Test
    void aSampleSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> KolmogorovDistribution.sf(0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
