package io.modelwatch.common.stats;

import static io.modelwatch.common.stats.Oracle.assertScore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WassersteinDistanceTest {

    static Stream<JsonNode> cases() {
        return Oracle.cases("wasserstein.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScipyWassersteinDistanceAndItsNormalisationByTheReferenceStd(JsonNode expected) {
        double[] reference = Oracle.sample(expected.get("reference").asText());
        double[] current = Oracle.sample(expected.get("current").asText());
        String description = expected.get("reference").asText() + " vs " + expected.get("current").asText();

        assertScore(WassersteinDistance.distance(reference, current), expected.get("distance").asDouble(), description);
        assertScore(WassersteinDistance.normalized(reference, current), expected.get("normalized").asDouble(), description);
    }

    @Test
    void aConstantReferenceIsNormalisedByTheFloorInsteadOfZero() {
        // Every value moves by 2, so W1 = 2; the reference std 0 is raised to 0.001.
        assertThat(WassersteinDistance.normalized(new double[] {5, 5}, new double[] {7, 7, 7})).isEqualTo(2000.0);
    }

    @Test
    void identicalSamplesAreAtDistanceZero() {
        assertThat(WassersteinDistance.distance(new double[] {1, 2, 2, 3}, new double[] {3, 2, 1, 2})).isZero();
    }

    @Test
    void emptySamplesAreRejected() {
        assertThatThrownBy(() -> WassersteinDistance.normalized(new double[] {1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("current sample is empty");
    }
}
