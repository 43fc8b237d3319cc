package io.modelwatch.cli.driftreport;

import io.modelwatch.cli.command.ReportCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.dataset.DatasetReader;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T06:00:00Z"), ZoneOffset.UTC);
    private static final Pattern EXTERNAL_REFERENCE =
            Pattern.compile("(src|href|url)\\s*[=(]\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE);

    @TempDir
    static Path dir;
    static Path reference;
    static Path current;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void writeData() throws IOException {
        reference = CreditCsv.write(dir.resolve("reference.csv"), 0, 600, true);
        current = CreditCsv.write(dir.resolve("current.csv"), CreditCsv.DRIFT_AT, 600, true);
    }

    static Run run(String... args) {
        CommandLine command = new CommandLine(new ReportCommand(CLOCK));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static List<String> withOutcomes(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--labels-column", CreditCsv.LABEL, "--prediction-column", CreditCsv.PREDICTION));
        return all;
    }

    @Test
    void writesOneSelfContainedPageWithEveryFeaturesChart() throws IOException {
        Path html = dir.resolve("report.html");
        Run run = run(withOutcomes("--reference", reference.toString(), "--current", current.toString(),
                "--out", html.toString()).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("modelwatch report: wrote " + html).contains("of 9 features drifted");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        for (int chart = 1; chart <= 9; chart++) {
            assertThat(page).contains("<section class=\"panel chart-card\" id=\"chart-" + chart + "\">");
        }
        assertThat(page).doesNotContain("id=\"chart-10\"");
        assertThat(EXTERNAL_REFERENCE.matcher(page).find()).as("a reference to another origin").isFalse();
        assertThat(page).doesNotContain("http://", "https://");
        assertThat(page).contains("id=\"verdict\"", "id=\"features\"", "id=\"confusion-matrix\"");
    }

    @Test
    void escapesHostileColumnNamesAndCategories() throws IOException {
        Path html = dir.resolve("hostile.html");
        Run run = run("--reference", reference.toString(), "--current", current.toString(), "--out", html.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<img", CreditCsv.HOSTILE_CATEGORY);
        assertThat(page.split("<script", -1)).as("script elements").hasSize(2);
    }

    @Test
    void writesTheSameContentAsJson() throws IOException {
        Path json = dir.resolve("report.json");
        Run run = run(withOutcomes("--reference", reference.toString(), "--current", current.toString(),
                "--out", json.toString(), "--format", "json").toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("format").asText()).isEqualTo("modelwatch-drift-report");
        assertThat(report.get("generated_at").asText()).isEqualTo("2026-11-28T06:00:00Z");
        assertThat(report.get("current").get("source").asText()).isEqualTo(current.toString());
        assertThat(report.get("features").size()).isEqualTo(9);
        JsonNode income = report.get("features").get("income");
        assertThat(income.get("type").asText()).isEqualTo("numerical");
        assertThat(income.get("method").asText()).isEqualTo("ks");
        assertThat(income.get("stats").has("psi")).isTrue();
        assertThat(income.get("histogram").get("kind").asText()).isEqualTo("bins");
        assertThat(income.get("histogram").get("bins").size()).isEqualTo(12);
        assertThat(report.get("features").get(CreditCsv.HOSTILE_COLUMN)).isNotNull();
        JsonNode segments = report.get("features").get(CreditCsv.SEGMENT).get("histogram").get("bins");
        assertThat(segments.findValuesAsText("label")).contains(CreditCsv.HOSTILE_CATEGORY);
        double currentTotal = 0;
        for (JsonNode bin : segments) {
            currentTotal += bin.get("current_share").asDouble();
        }
        assertThat(currentTotal).isCloseTo(1.0, within(1e-12));
        assertThat(report.get("dataset_drift").get("total_features").asInt()).isEqualTo(9);
        JsonNode performance = report.get("performance");
        assertThat(performance.get("labels")).hasSize(2);
        assertThat(performance.get("confusion_matrix").get(0)).hasSize(2);
        assertThat(performance.get("reference").get("accuracy").asDouble()).isBetween(0.5, 1.0);
    }

    @Test
    void acceptsAProfileAsTheReference() throws Exception {
        Path profile = dir.resolve("profile.json");
        ProfileCodec.write(new ProfileBuilder(ProfileOptions.defaults(), CLOCK)
                .build(DatasetReader.read(reference).withOutcomeColumns(CreditCsv.PREDICTION, CreditCsv.LABEL),
                        "credit-default", "v3"), profile);
        Path html = dir.resolve("from-profile.html");

        Run run = run(withOutcomes("--reference", profile.toString(), "--current", current.toString(),
                "--out", html.toString()).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(html)).contains("Drift report · credit-default", "id=\"chart-9\"");
    }

    @Test
    void badInputIsExitTwoWithAOneLineError() throws IOException {
        String out = dir.resolve("never.html").toString();
        Path headerOnly = Files.writeString(dir.resolve("header-only.csv"), "income,age\n");
        assertError(run("--reference", dir.resolve("missing.csv").toString(), "--current", current.toString(),
                "--out", out), "modelwatch report: " + dir.resolve("missing.csv") + ": no such file");
        assertError(run("--reference", reference.toString(), "--current", current.toString(), "--out", out,
                "--labels-column", "nope"), "modelwatch report: " + current + ": no column 'nope'");
        assertError(run("--reference", reference.toString(), "--current", current.toString(), "--out", out,
                "--labels-column", CreditCsv.LABEL),
                "modelwatch report: " + current + ": no row has both a prediction and a label;"
                        + " name the prediction with --prediction-column");
        Run unknownColumn = run("--reference", reference.toString(), "--current", current.toString(), "--out", out,
                "--categorical", "nope");
        assertThat(unknownColumn.exitCode()).isEqualTo(2);
        assertThat(unknownColumn.err())
                .startsWith("modelwatch report: " + reference + ": --categorical names column 'nope', which the file does not have")
                .hasLineCount(1);
        assertError(run("--reference", reference.toString(), "--current", headerOnly.toString(), "--out", out),
                "modelwatch report: " + headerOnly + ": no rows");
        assertThat(Files.exists(Path.of(out))).isFalse();
    }

    @Test
    void unknownFormatIsAUsageError() {
        Run run = run("--reference", reference.toString(), "--current", current.toString(),
                "--out", dir.resolve("x").toString(), "--format", "pdf");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected html or json, got 'pdf'");
    }

    private static void assertError(Run run, String message) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(message + System.lineSeparator());
    }
}
