package io.modelwatch.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.cli.CliRun;
import io.modelwatch.common.report.WindowReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline page as a file: self-contained, every name escaped, a section per model version. */
class TimelineHtmlTest {
    private static final Pattern EXTERNAL_REFERENCE =
            Pattern.compile("(src|href|url|action)\\s*[=(]\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"timeline-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    private String page(Path windows, Path decisions, String... more) throws Exception {
        Path out = dir.resolve("timeline.html");
        List<String> args = new ArrayList<>(List.of("report", "--windows", windows.toString(), "--out", out.toString()));
        if (decisions != null) {
            args.addAll(List.of("--decisions", decisions.toString()));
        }
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void hostileModelFeatureClassAndRuleNamesAreEscapedEverywhere() throws Exception {
        Path windows = dir.resolve("hostile.jsonl");
        Path decisions = dir.resolve("hostile-decisions.jsonl");
        HostileNames.write(windows, decisions);

        String page = page(windows, decisions);

        for (String raw : List.of(HostileNames.MODEL, HostileNames.FEATURE, HostileNames.CLASS, HostileNames.RULE,
                HostileNames.ACTION, "<img", "<svg onload", "<b>bold", "alert(1)</script>")) {
            assertThat(page.contains(raw)).as("the page contains %s", raw).isFalse();
        }
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;",
                "&lt;script&gt;alert(3)&lt;/script&gt;", "\"v1\" &amp; 'v2'");
        // The page's own two script elements, and no other: the data and the window panel's script.
        assertThat(page.split("<script", -1)).hasSize(3);
        assertThat(page.split("</script>", -1)).hasSize(3);
        assertThat(page.split("<title>", -1).length).isEqualTo(page.split("</title>", -1).length);
        // The embedded data reads back to the very names.
        Matcher data = DATA.matcher(page);
        assertThat(data.find()).isTrue();
        assertThat(data.group(1)).doesNotContain("<", ">", "&");
        JsonNode version = new ObjectMapper().readTree(data.group(1)).get("model_versions").get(0);
        assertThat(version.get("model").asText()).isEqualTo(HostileNames.MODEL);
        assertThat(version.get("model_version").asText()).isEqualTo(HostileNames.VERSION);
        assertThat(version.get("features").get(0).get("name").asText()).isEqualTo(HostileNames.FEATURE);
        assertThat(version.get("prediction_shares").has(HostileNames.CLASS)).isTrue();
        assertThat(version.get("decisions").get(0).get("rule").asText()).isEqualTo(HostileNames.RULE);
    }

    @Test
    void thePageNeedsNothingFromTheNetworkAndAllowsNoneOfIt() throws Exception {
        Path windows = GeneratedWindows.write(dir.resolve("reports.jsonl"),
                GeneratedWindows.windows("credit-default", "v3", 30, 15, 1, Set.of(20)));

        String page = page(windows, null);

        assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; script-src 'sha256-");
        assertThat(EXTERNAL_REFERENCE.matcher(page).find()).as("a reference to another origin").isFalse();
        assertThat(page).doesNotContain("http://", "https://", "@import", "<link", "<iframe", "<object", "<embed");
        assertThat(page).containsPattern("<svg class=\"timeline-chart drift-map\"")
                .contains("id=\"m1-f1\"", "id=\"m1-decisions\"", "Accuracy, F1 and estimated accuracy",
                        "Label coverage", "Latency", "Error rate", "Share of each predicted class");
    }

    @Test
    void everyModelVersionHasItsSectionAndTheContentsLinkToThem() throws Exception {
        List<WindowReport> reports = new ArrayList<>();
        reports.addAll(GeneratedWindows.windows("credit-default", "v3", 10, 5, 1, Set.of()));
        reports.addAll(GeneratedWindows.windows("credit-default", "v4", 10, 50, 2, Set.of()));
        reports.addAll(GeneratedWindows.windows("fraud", "v1", 10, 2, 3, Set.of()));
        Path windows = GeneratedWindows.write(dir.resolve("three.jsonl"), reports);

        String page = page(windows, null);

        assertThat(page).contains("id=\"model-versions\"");
        for (int section = 1; section <= 3; section++) {
            assertThat(page).contains("<a href=\"#m" + section + "\">", "<section class=\"model\" id=\"m" + section + "\" data-timeline=\""
                    + (section - 1) + "\">");
        }
        assertThat(page).doesNotContain("id=\"m4\"");
        String one = page(windows, null, "--model", "fraud");
        assertThat(one).doesNotContain("id=\"model-versions\"", "id=\"m2\"").contains("<title>Timeline — fraud</title>");
    }
}
