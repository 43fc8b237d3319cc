package io.modelwatch.cli.command;

import io.modelwatch.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code profile} and {@code drift} as a user runs them, on the CSV pairs whose expected drift
 * {@code common/src/test/oracle/make_drift_oracle.py} computed with SciPy.
 */
class DriftCommandTest {
    private static final Path ORACLE = Path.of("../common/src/test/resources/oracle/drift");
    private static final String SMALL_REFERENCE = ORACLE.resolve("small_reference.csv").toString();
    private static final String SMALL_CURRENT = ORACLE.resolve("small_current.csv").toString();

    @TempDir
    Path dir;

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private static JsonNode expected(String name) throws IOException {
        return new ObjectMapper().readTree(ORACLE.resolve(name + "_expected.json").toFile());
    }

    @Test
    void driftJsonHasTheContractShapeAndScipysNumbers() throws IOException {
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode actual = json(run.out());
        JsonNode expected = expected("small");
        assertThat(actual.at("/dataset_drift/drifted_features").asInt())
                .isEqualTo(expected.at("/dataset_drift/drifted_features").asInt());
        assertThat(actual.at("/dataset_drift/share").asDouble())
                .isCloseTo(expected.at("/dataset_drift/share").asDouble(), within(1e-15));
        JsonNode income = actual.at("/features/income");
        assertThat(income.get("type").asText()).isEqualTo("numerical");
        assertThat(income.get("method").asText()).isEqualTo("ks");
        assertThat(income.get("p_value").asDouble())
                .isCloseTo(expected.at("/features/income/p_value").asDouble(), within(1e-9));
        assertThat(income.get("drifted").asBoolean()).isTrue();
        assertThat(income.at("/stats/psi").asDouble())
                .isCloseTo(expected.at("/features/income/stats/psi").asDouble(), within(1e-12));
        assertThat(income.get("stats").has("wasserstein_norm")).isTrue();
        JsonNode region = actual.at("/features/region");
        assertThat(region.at("/stats/chi_square_p_value").asDouble())
                .isCloseTo(expected.at("/features/region/stats/chi_square_p_value").asDouble(), within(1e-9));
        JsonNode sparse = actual.at("/features/sparse");
        assertThat(sparse.get("method").isNull()).isTrue();
        assertThat(sparse.get("drifted").isNull()).isTrue();
        assertThat(sparse.get("reason").asText()).isEqualTo("no values left after removing missing ones");
    }

    @Test
    void savedProfileGivesTheSameDriftAsTheReferenceData() throws IOException {
        Path profile = dir.resolve("profile.json");
        CliRun built = CliRun.of("profile", "--input", SMALL_REFERENCE, "--out", profile.toString(), "--model", "credit");
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("600 rows and 7 features (6 numerical, 1 categorical)");
        CliRun fromProfile = CliRun.of("drift", "--reference", profile.toString(), "--current", SMALL_CURRENT);
        CliRun fromData = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT);
        assertThat(json(fromProfile.out()).get("features")).isEqualTo(json(fromData.out()).get("features"));
    }

    @Test
    void methodOptionDecidesForEveryFeature() throws IOException {
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT, "--method", "psi");
        JsonNode features = json(run.out()).get("features");
        assertThat(features.at("/income/method").asText()).isEqualTo("psi");
        assertThat(features.at("/income/score").asDouble())
                .isCloseTo(expected("small").at("/features/income/stats/psi").asDouble(), within(1e-12));
        assertThat(features.at("/region/method").asText()).isEqualTo("psi");
    }

    @Test
    void failOnDriftExitsWithOneWhenTheDatasetDrifted() {
        assertThat(CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT, "--fail-on-drift").exitCode())
                .isEqualTo(1);
        assertThat(CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_REFERENCE, "--fail-on-drift").exitCode())
                .isZero();
    }

    @Test
    void tableListsDriftedFeaturesFirstAndSaysWhyOthersHaveNoVerdict() {
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT, "--format", "table");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Dataset drift: DRIFTED — 5 of 6 features drifted (share 0.83, threshold 0.50)");
        assertThat(run.out().indexOf("income")).isLessThan(run.out().indexOf("age "));
        assertThat(run.out()).contains("sparse: no values left after removing missing ones");
    }

    @Test
    void categoricalOptionTurnsANumericalFeatureIntoCategories() throws IOException {
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT, "--categorical", "age");
        JsonNode age = json(run.out()).at("/features/age");
        assertThat(age.get("type").asText()).isEqualTo("categorical");
        assertThat(age.get("method").asText()).isEqualTo("chi_square");
    }

    @Test
    void missingFileIsAOneLineErrorWithExitTwo() {
        CliRun run = CliRun.of("drift", "--reference", "nowhere.csv", "--current", SMALL_CURRENT);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("modelwatch drift: nowhere.csv: no such file\n");
    }

    @Test
    void raggedRowNamesFileAndLine() throws IOException {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "age,region\n41,north\n42\n");
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", ragged.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("modelwatch drift: " + ragged + ":3: expected 2 fields as in the header, found 1\n");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        CliRun run = CliRun.of("profile", "--input", empty.toString(), "--out", dir.resolve("p.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(empty + ": the file is empty");
    }

    @Test
    void unknownCategoricalColumnIsNamed() {
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT, "--categorical", "colour");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("modelwatch drift: " + SMALL_REFERENCE + ": --categorical names column 'colour'");
    }

    @Test
    void textInANumericalColumnNamesLineAndColumn() throws IOException {
        Path current = Files.writeString(dir.resolve("cur.csv"), "age\n41\nforty\n");
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", current.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("modelwatch drift: " + current
                + ":3: column 'age': 'forty' is not a number, but the feature is numerical in the reference\n");
    }

    @Test
    void unknownMethodListsTheKnownOnes() {
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT, "--method", "energy");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown drift method 'energy'").contains("jensen_shannon");
    }

    @Test
    void numericalOnlyMethodOnACategoricalFeatureIsRejected() {
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", SMALL_CURRENT, "--method", "ks");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--method ks applies only to numerical features, but 'region' is categorical");
    }

    @Test
    void profileBinsCannotBeChangedAtDriftTime() {
        Path profile = dir.resolve("profile.json");
        CliRun.of("profile", "--input", SMALL_REFERENCE, "--out", profile.toString());
        CliRun run = CliRun.of("drift", "--reference", profile.toString(), "--current", SMALL_CURRENT, "--psi-bins", "20");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("was built with 10 quantile bins");
    }

    @Test
    void columnsTheReferenceLacksAreIgnoredWithAWarning() throws IOException {
        Path current = Files.writeString(dir.resolve("cur.csv"), "age,colour\n41,red\n50,blue\n");
        CliRun run = CliRun.of("drift", "--reference", SMALL_REFERENCE, "--current", current.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("modelwatch drift: columns not in the reference, ignored: colour\n");
        assertThat(json(run.out()).at("/features/income/reason").asText()).isEqualTo("not in the current data");
    }
}
