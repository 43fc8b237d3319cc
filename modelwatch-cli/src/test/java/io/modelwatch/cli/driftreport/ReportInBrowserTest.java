package io.modelwatch.cli.driftreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report as a browser sees it: Debian's headless chromium (CI installs it; skipped where it is missing). */
class ReportInBrowserTest {
    /** A feature table row: its name and its PSI cell's sort key (the eighth cell). */
    private static final Pattern FEATURE_ROW = Pattern.compile(
            "<tr>\\s*<td class=\"name\"><a href=\"#chart-\\d+\">(.*?)</a></td>(?:\\s*<td[^>]*>.*?</td>){6}"
                    + "\\s*<td class=\"num\" data-sort=\"([^\"]*)\">", Pattern.DOTALL);

    @TempDir
    static Path dir;
    static HeadlessChromium chromium;
    static Path report;

    @BeforeAll
    static void writeReport() throws Exception {
        Optional<HeadlessChromium> found = HeadlessChromium.find(dir);
        assumeTrue(found.isPresent(), "chromium is not installed (apt-get install -y chromium); .ci/run installs it");
        chromium = found.get();
        Path reference = CreditCsv.write(dir.resolve("reference.csv"), 0, 600, true);
        Path current = CreditCsv.write(dir.resolve("current.csv"), CreditCsv.DRIFT_AT, 600, true);
        report = dir.resolve("report.html");
        ReportCommandTest.Run run = ReportCommandTest.run(ReportCommandTest.withOutcomes("--reference", reference.toString(),
                "--current", current.toString(), "--out", report.toString()).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void thePageRunsItsScriptWithoutConsoleMessagesAndShowsEveryChart() throws Exception {
        HeadlessChromium.PageLoad page = chromium.load(report);

        assertThat(page.consoleMessages()).isEmpty();
        // Set by the page's only script, which the content security policy admits by its hash.
        assertThat(page.dom()).contains("data-report-ready=\"true\"");
        for (int chart = 1; chart <= 9; chart++) {
            assertThat(page.dom()).containsPattern("<section class=\"panel chart-card\" id=\"chart-" + chart
                    + "\">[\\s\\S]*?<svg[^>]*>[\\s\\S]*?<rect class=\"bar reference\"");
        }
    }

    @Test
    void hostileNamesAndCategoriesStayText() throws Exception {
        HeadlessChromium.PageLoad page = chromium.load(report);

        assertThat(page.dom()).contains("<a href=\"#chart-", "&lt;img src=x onerror=alert(1)&gt;</a>")
                .contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<img");
        assertThat(page.dom().split("<script", -1)).as("script elements").hasSize(2);
    }

    @Test
    void clickingAColumnHeaderSortsTheFeatureTable() throws Exception {
        List<List<String>> byName = rowsAfterClicks(0, 1);
        assertThat(byName).extracting(row -> row.get(0)).hasSize(9).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);

        List<List<String>> byPsiDescending = rowsAfterClicks(7, 2);
        List<Double> psi = byPsiDescending.stream().map(row -> Double.valueOf(row.get(1))).toList();
        assertThat(psi).hasSize(9).isSortedAccordingTo(Comparator.reverseOrder());
    }

    /** The feature table's rows (name, PSI sort key) after clicking one column header, on a test copy of the page. */
    private static List<List<String>> rowsAfterClicks(int column, int clicks) throws Exception {
        // The copy drops the content security policy, so that a second script may click.
        String click = "document.querySelectorAll('#features th button')[" + column + "].click();";
        String html = Files.readString(report, StandardCharsets.UTF_8)
                .replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", "<script>" + click.repeat(clicks) + "</script></body>");
        Path clicked = Files.writeString(dir.resolve("clicked-" + column + "-" + clicks + ".html"), html, StandardCharsets.UTF_8);

        HeadlessChromium.PageLoad page = chromium.load(clicked);

        assertThat(page.consoleMessages()).isEmpty();
        List<List<String>> rows = new ArrayList<>();
        Matcher row = FEATURE_ROW.matcher(page.dom());
        while (row.find()) {
            rows.add(List.of(row.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"), row.group(2)));
        }
        return rows;
    }
}
