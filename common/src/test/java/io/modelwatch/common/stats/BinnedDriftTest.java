package io.modelwatch.common.stats;

import static io.modelwatch.common.stats.Oracle.assertScore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Binning, histograms and the share-based measures over reference bins, against the NumPy/SciPy oracle. */
class BinnedDriftTest {

    static Stream<JsonNode> cases() {
        return Oracle.cases("binned.json").stream();
    }

    private static String describe(JsonNode c) {
        return c.get("reference").asText() + " vs " + c.get("current").asText() + ", "
                + c.get("bins").asInt() + " " + c.get("binning").asText() + " bins";
    }

    private static BinEdges edgesFor(JsonNode c) {
        return BinEdges.of(Binning.fromWireName(c.get("binning").asText()),
                Oracle.sample(c.get("reference").asText()), c.get("bins").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void edgesAreNumpysUniqueQuantilesOrLinspace(JsonNode expected) {
        assertThat(edgesFor(expected).values()).as(describe(expected)).containsExactly(Oracle.doubles(expected.get("edges")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void histogramsCountOutsideValuesAtBothEndsAndFoldThemIntoOpenEndedBins(JsonNode expected) {
        BinEdges edges = edgesFor(expected);
        Histogram reference = edges.count(Oracle.sample(expected.get("reference").asText()));
        Histogram current = edges.count(Oracle.sample(expected.get("current").asText()));

        assertThat(reference.counts()).as(describe(expected)).containsExactly(Oracle.longs(expected.get("reference_histogram")));
        assertThat(current.counts()).as(describe(expected)).containsExactly(Oracle.longs(expected.get("current_histogram")));
        assertThat(reference.folded()).as(describe(expected)).containsExactly(Oracle.longs(expected.get("reference_folded")));
        assertThat(current.folded()).as(describe(expected)).containsExactly(Oracle.longs(expected.get("current_folded")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shareBasedMeasuresMatchTheOracle(JsonNode expected) {
        double[] referenceSample = Oracle.sample(expected.get("reference").asText());
        double[] currentSample = Oracle.sample(expected.get("current").asText());
        AlignedCounts counts = AlignedCounts.binned(referenceSample, currentSample, edgesFor(expected));
        String description = describe(expected);

        assertScore(PopulationStabilityIndex.of(counts), expected.get("psi").asDouble(), description);
        assertScore(JensenShannon.distance(counts), expected.get("jensen_shannon").asDouble(), description);
        assertScore(Hellinger.distance(counts), expected.get("hellinger").asDouble(), description);
        assertScore(KlDivergence.of(counts), expected.get("kl_div").asDouble(), description);
        assertScore(PopulationStabilityIndex.of(referenceSample, currentSample,
                Binning.fromWireName(expected.get("binning").asText()), expected.get("bins").asInt()),
                expected.get("psi").asDouble(), description);
    }
}
