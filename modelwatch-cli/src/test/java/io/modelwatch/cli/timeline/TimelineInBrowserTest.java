package io.modelwatch.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelwatch.cli.CliRun;
import io.modelwatch.cli.driftreport.HeadlessChromium;
import io.modelwatch.cli.driftreport.ReportNumbers;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.retraining.decision.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline as a browser sees it: Debian's headless chromium (CI installs it; skipped where it is missing). */
class TimelineInBrowserTest {
    private static final Pattern FEATURE_ROW = Pattern.compile(
            "<tr><td class=\"label\">(.*?)</td><td class=\"text\">(.*?)</td><td class=\"num\">(.*?)</td>"
                    + "<td class=\"num\">(.*?)</td><td class=\"num\">(.*?)</td><td class=\"text\"><span class=\"badge (\\w+)\">");

    @TempDir
    static Path dir;
    static HeadlessChromium chromium;
    static List<WindowReport> v3;
    static Path page;
    static Path hostile;

    @BeforeAll
    static void writePages() {
        Optional<HeadlessChromium> found = HeadlessChromium.find(dir);
        assumeTrue(found.isPresent(), "chromium is not installed (apt-get install -y chromium); .ci/run installs it");
        chromium = found.get();
        v3 = GeneratedWindows.windows("credit-default", "v3", 30, 15, 1, Set.of(25));
        List<WindowReport> reports = new ArrayList<>(v3);
        reports.addAll(GeneratedWindows.windows("fraud", "v1", 8, 4, 2, Set.of()));
        Path windows = GeneratedWindows.write(dir.resolve("reports.jsonl"), reports);
        Path decisions = GeneratedWindows.writeString(dir.resolve("decisions.jsonl"), GeneratedWindows.auditLine(
                GeneratedWindows.decision("credit-default", "v3", "critical-drift", Severity.CRITICAL, 16, Map.of("max_psi", 0.8)))
                + "\n" + GeneratedWindows.triggerLine(
                GeneratedWindows.decision("credit-default", "v3", "accuracy-drop", Severity.WARNING, 18, Map.of())) + "\n");
        page = write(windows, decisions, "timeline.html");
        HostileNames.write(dir.resolve("hostile.jsonl"), dir.resolve("hostile-decisions.jsonl"));
        hostile = write(dir.resolve("hostile.jsonl"), dir.resolve("hostile-decisions.jsonl"), "hostile.html");
    }

    private static Path write(Path windows, Path decisions, String name) {
        Path out = dir.resolve(name);
        CliRun run = CliRun.of("report", "--windows", windows.toString(), "--decisions", decisions.toString(),
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    @Test
    void thePageRunsItsScriptWithoutConsoleMessagesAndRequestsNothing() throws Exception {
        HeadlessChromium.PageLoad load = chromium.load(page);

        assertThat(load.consoleMessages()).isEmpty();
        assertThat(load.pageRequests()).isEmpty();
        // Set by the page's only script, which the content security policy admits by its hash.
        assertThat(load.dom()).contains("data-report-ready=\"true\"")
                .contains("<section class=\"model\" id=\"m1\" data-timeline=\"0\">", "<section class=\"model\" id=\"m2\" data-timeline=\"1\">")
                .containsPattern("<aside id=\"window-panel\" class=\"panel\" hidden=\"\"[^>]*></aside>");
    }

    @Test
    void clickingAWindowOpensItsFeatureTableAndTheArrowKeysWalkTheWindows() throws Exception {
        // Window 20 of the file is the 20th drawn (window 25 is missing, after it).
        String dom = afterScript("clicked", "document.querySelector('#m1 .hover[data-window=\"20\"]')"
                + ".dispatchEvent(new MouseEvent('click', {bubbles: true}));");

        String panel = panel(dom);
        assertThat(panel).contains("<strong>Window 21 of 29</strong>", "credit-default · version v3",
                "2026-11-28 03:20:00 UTC – 2026-11-28 03:21:00 UTC");
        WindowReport window = v3.get(20);
        List<String[]> rows = rows(panel);
        assertThat(rows).extracting(row -> row[0]).containsExactlyInAnyOrder("income", "age", "region", "tenure");
        for (String[] row : rows) {
            var feature = window.features().get(row[0]);
            if (feature == null) {
                assertThat(row[2]).isEqualTo("—");
                assertThat(row[5]).isEqualTo("none");
                continue;
            }
            assertThat(row[1]).isEqualTo(feature.drift().method());
            assertThat(row[2]).isEqualTo(ReportNumbers.decimal(feature.drift().score()));
            assertThat(row[4]).isEqualTo(ReportNumbers.decimal(feature.drift().threshold()));
            assertThat(row[5]).isEqualTo(feature.drift().drifted() ? "drifted" : "stable");
        }
        assertThat(panel).contains("<dt>Predictions</dt><dd>" + ReportNumbers.count(window.volume().predictions()) + "</dd>");

        String next = panel(afterScript("next", "document.querySelector('#m1 .hover[data-window=\"20\"]')"
                + ".dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                + "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'}));"));
        assertThat(next).contains("<strong>Window 22 of 29</strong>");
    }

    @Test
    void aDecisionOpensTheWindowItFiredOnWithItsRuleReasonAndKey() throws Exception {
        String panel = panel(afterScript("decision", "document.querySelector('#m1 table.decisions a[data-window]').click();"));

        assertThat(panel).contains("<strong>Window 17 of 29</strong>", "<strong>critical-drift</strong> (critical) because max_psi = 0.8000",
                "mw-credit-default-v3-critical-drift-");
    }

    @Test
    void hostileNamesStayTextInThePageAndInTheWindowPanel() throws Exception {
        HeadlessChromium.PageLoad load = chromium.load(hostile);
        assertThat(load.consoleMessages()).isEmpty();
        assertThat(load.dom()).doesNotContain("<img", "<svg onload", "<b>bold").contains("data-report-ready=\"true\"");

        String dom = afterScript(hostile, "hostile-clicked", "document.querySelector('#m1 .hover[data-window=\"7\"]')"
                + ".dispatchEvent(new MouseEvent('click', {bubbles: true}));");
        String panel = panel(dom);
        assertThat(panel).contains("&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;", "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
                "&lt;script&gt;alert(3)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt;").doesNotContain("<img", "<b>bold");
        assertThat(dom.split("<script", -1)).as("script elements").hasSize(4);
    }

    private static String afterScript(String name, String script) throws Exception {
        return afterScript(page, name, script);
    }

    /** The DOM after a script ran on a test copy of the page, which drops the content security policy so that it may. */
    private static String afterScript(Path original, String name, String script) throws Exception {
        String html = Files.readString(original, StandardCharsets.UTF_8)
                .replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", "<script>" + script + "</script></body>");
        Path copy = Files.writeString(dir.resolve(name + ".html"), html, StandardCharsets.UTF_8);
        HeadlessChromium.PageLoad load = chromium.load(copy);
        assertThat(load.consoleMessages()).isEmpty();
        return load.dom();
    }

    private static String panel(String dom) {
        Matcher panel = Pattern.compile("<aside id=\"window-panel\" class=\"panel\"( hidden=\"\")?[^>]*>(.*?)</aside>",
                Pattern.DOTALL).matcher(dom);
        assertThat(panel.find()).isTrue();
        assertThat(panel.group(1)).as("the panel is hidden").isNull();
        return panel.group(2);
    }

    private static List<String[]> rows(String panel) {
        List<String[]> rows = new ArrayList<>();
        Matcher row = FEATURE_ROW.matcher(panel);
        while (row.find()) {
            rows.add(new String[] {row.group(1), row.group(2), row.group(3), row.group(4), row.group(5), row.group(6)});
        }
        return rows;
    }
}
