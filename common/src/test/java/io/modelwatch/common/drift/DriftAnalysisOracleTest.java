package io.modelwatch.common.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetReader;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole-dataset drift from CSV files against the expectations that
 * {@code common/src/test/oracle/make_drift_oracle.py} computed with SciPy.
 */
class DriftAnalysisOracleTest {
    private static final double P_VALUE_ABSOLUTE = 1e-9;
    private static final double P_VALUE_RELATIVE = 1e-3;
    private static final double STATISTIC_RELATIVE = 1e-12;

    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        return Path.of(DriftAnalysisOracleTest.class.getResource("/oracle/drift/" + name).toURI());
    }

    private static ReferenceProfile profile(Dataset reference, ProfileOptions options) {
        return new ProfileBuilder(options, Clock.systemUTC()).build(reference, "oracle", null);
    }

    @ParameterizedTest(name = "{0} reference and current data files")
    @ValueSource(strings = {"small", "large"})
    void driftFromTheReferenceDataMatchesScipy(String name) throws Exception {
        Dataset reference = DatasetReader.read(resource(name + "_reference.csv"));
        Dataset current = DatasetReader.read(resource(name + "_current.csv"));
        DriftReport report = DriftAnalysis.analyze(
                profile(reference, ProfileOptions.defaults().exact()), current, DriftSettings.defaults());
        assertMatchesOracle(report, new ObjectMapper().readTree(resource(name + "_expected.json").toFile()));
    }

    @ParameterizedTest(name = "{0} reference through a saved profile")
    @ValueSource(strings = {"small", "large"})
    void driftFromASavedProfileMatchesScipy(String name) throws Exception {
        Dataset reference = DatasetReader.read(resource(name + "_reference.csv"));
        Path saved = dir.resolve("profile.json");
        ProfileCodec.write(profile(reference, ProfileOptions.defaults()), saved);
        DriftReport report = DriftAnalysis.analyze(ProfileCodec.read(saved),
                DatasetReader.read(resource(name + "_current.csv")), DriftSettings.defaults());
        assertMatchesOracle(report, new ObjectMapper().readTree(resource(name + "_expected.json").toFile()));
    }

    private static void assertMatchesOracle(DriftReport report, JsonNode expected) {
        JsonNode features = expected.get("features");
        assertThat(report.features().keySet()).containsExactlyInAnyOrderElementsOf(() -> features.fieldNames());
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            assertFeature(entry.getKey(), report.features().get(entry.getKey()), entry.getValue());
        }
        JsonNode dataset = expected.get("dataset_drift");
        assertThat(report.datasetDrift().driftedFeatures()).isEqualTo(dataset.get("drifted_features").asInt());
        assertThat(report.datasetDrift().totalFeatures()).isEqualTo(dataset.get("total_features").asInt());
        assertThat(report.datasetDrift().share()).isCloseTo(dataset.get("share").asDouble(), within(1e-15));
        assertThat(report.datasetDrift().drifted()).isEqualTo(dataset.get("drifted").asBoolean());
    }

    private static void assertFeature(String name, FeatureDriftResult actual, JsonNode expected) {
        assertThat(actual.type()).as(name + " type").isEqualTo(expected.get("type").asText());
        if (expected.get("method").isNull()) {
            assertThat(actual.computed()).as(name + " has no verdict").isFalse();
            assertThat(actual.reason()).as(name + " reason").isNotBlank();
            return;
        }
        assertThat(actual.method().wireName()).as(name + " method").isEqualTo(expected.get("method").asText());
        assertThat(actual.drifted()).as(name + " drifted").isEqualTo(expected.get("drifted").asBoolean());
        assertThat(actual.threshold()).as(name + " threshold").isEqualTo(expected.get("threshold").asDouble());
        assertStatistic(name + " score", actual.score(), expected.get("score").asDouble());
        if (expected.get("p_value").isNull()) {
            assertThat(actual.pValue()).as(name + " p-value").isNull();
        } else {
            assertPValue(name + " p-value", actual.pValue(), expected.get("p_value").asDouble());
        }
        JsonNode stats = expected.get("stats");
        assertThat(actual.stats().keySet()).as(name + " statistics").containsExactlyInAnyOrderElementsOf(() -> stats.fieldNames());
        stats.fields().forEachRemaining(stat -> {
            String label = name + " " + stat.getKey();
            if (stat.getKey().endsWith("p_value")) {
                assertPValue(label, actual.stats().get(stat.getKey()), stat.getValue().asDouble());
            } else {
                assertStatistic(label, actual.stats().get(stat.getKey()), stat.getValue().asDouble());
            }
        });
    }

    private static void assertStatistic(String label, double actual, double expected) {
        assertThat(actual).as(label).isCloseTo(expected, within(Math.max(Math.abs(expected) * STATISTIC_RELATIVE, 1e-15)));
    }

    private static void assertPValue(String label, double actual, double expected) {
        assertThat(actual).as(label).isCloseTo(expected, within(P_VALUE_ABSOLUTE));
        if (expected >= 1e-15) {
            assertThat(actual).as(label + " (relative)").isCloseTo(expected, within(expected * P_VALUE_RELATIVE));
        }
    }
}
