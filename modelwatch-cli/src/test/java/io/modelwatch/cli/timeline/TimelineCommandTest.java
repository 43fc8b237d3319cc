package io.modelwatch.cli.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.cli.CliRun;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.retraining.decision.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --windows} as a user meets it: what it prints, and a one-line error with exit code 2 for bad input. */
class TimelineCommandTest {
    @TempDir
    static Path dir;
    static Path windows;
    static String good;
    static Path out;

    @BeforeAll
    static void writeInputs() {
        List<WindowReport> reports = GeneratedWindows.windows("credit-default", "v3", 6, 3, 1, Set.of());
        windows = GeneratedWindows.write(dir.resolve("reports.jsonl"), reports);
        good = GeneratedWindows.auditLine(GeneratedWindows.decision("credit-default", "v3", "critical-drift",
                Severity.CRITICAL, 4, Map.of("max_psi", 0.5)));
        out = dir.resolve("timeline.html");
    }

    static CliRun report(String... args) {
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void writesThePageAndSaysWhatItHolds() throws Exception {
        Path decisions = GeneratedWindows.writeString(dir.resolve("one-decision.jsonl"), good + "\n");

        CliRun run = report("--windows", windows.toString(), "--decisions", decisions.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("modelwatch report: wrote " + out
                + " (a timeline of 1 model version, 6 windows, 1 decision)" + System.lineSeparator());
        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").contains("credit-default", "critical-drift");
    }

    @Test
    void helpDocumentsTheTimelineOptionsAndItsJson() {
        CliRun help = report("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Timeline (instead of --reference and --current):", "--windows=REPORTS.jsonl",
                "--decisions=DECISIONS.jsonl", "--from=TIME", "--to=TIME", "\"format\": \"modelwatch-timeline\"",
                "\"features\": [{\"name\"", "\"decisions\": [{\"window\"", "NAME@VERSION");
    }

    @Test
    void aBadWindowReportLineNamesTheFileTheLineAndTheField() throws Exception {
        String[] lines = Files.readString(windows).split("\n");
        Path missingEnd = GeneratedWindows.writeString(dir.resolve("missing-end.jsonl"),
                lines[0] + "\n\n" + lines[1].replaceFirst("\"window_end\":\"[^\"]*\",", "") + "\n");
        Path wrongType = GeneratedWindows.writeString(dir.resolve("wrong-type.jsonl"),
                lines[0].replaceFirst("\"predictions\":\\d+", "\"predictions\":\"many\"") + "\n");
        Path malformed = GeneratedWindows.writeString(dir.resolve("malformed.jsonl"), lines[0] + "\n{\"model\": \n");

        assertError(report("--windows", missingEnd.toString(), "--out", out.toString()),
                missingEnd + " line 3: window_end: is required");
        assertErrorStartsWith(report("--windows", wrongType.toString(), "--out", out.toString()),
                wrongType + " line 1: volume.predictions: ");
        assertErrorStartsWith(report("--windows", malformed.toString(), "--out", out.toString()),
                malformed + " line 2: $: malformed JSON: ");
    }

    @Test
    void aBadDecisionLineNamesTheFileTheLineAndTheField() {
        Path noRule = GeneratedWindows.writeString(dir.resolve("no-rule.jsonl"),
                good + "\n" + good.replaceFirst("\"rule\":\"critical-drift\",", "") + "\n");
        Path badKind = GeneratedWindows.writeString(dir.resolve("bad-kind.jsonl"), good.replace("\"decision\"", "\"verdict\"") + "\n");
        Path badEnd = GeneratedWindows.writeString(dir.resolve("bad-end.jsonl"),
                good.replaceFirst("\"window_end\":\"[^\"]*\"", "\"window_end\":\"yesterday\"") + "\n");
        Path notObject = GeneratedWindows.writeString(dir.resolve("not-object.jsonl"), "[1, 2]\n");

        assertError(report("--windows", windows.toString(), "--decisions", noRule.toString(), "--out", out.toString()),
                noRule + " line 2: rule: is required");
        assertError(report("--windows", windows.toString(), "--decisions", badKind.toString(), "--out", out.toString()),
                badKind + " line 1: kind: expected decision or delivery, got 'verdict'");
        assertError(report("--windows", windows.toString(), "--decisions", badEnd.toString(), "--out", out.toString()),
                badEnd + " line 1: window_end: expected an ISO-8601 instant such as 2026-11-28T03:00:00Z, got 'yesterday'");
        assertError(report("--windows", windows.toString(), "--decisions", notObject.toString(), "--out", out.toString()),
                notObject + " line 1: $: expected a JSON object");
    }

    @Test
    void missingEmptyOrFilteredAwayInputIsAOneLineError() {
        Path empty = GeneratedWindows.writeString(dir.resolve("empty.jsonl"), "\n");
        Path missing = dir.resolve("missing.jsonl");

        assertError(report("--windows", missing.toString(), "--out", out.toString()), missing + ": no such file");
        assertError(report("--windows", empty.toString(), "--out", out.toString()), empty + ": no window reports");
        assertError(report("--windows", windows.toString(), "--decisions", missing.toString(), "--out", out.toString()),
                missing + ": no such file");
        assertError(report("--windows", windows.toString(), "--model", "fraud", "--out", out.toString()),
                windows + ": none of its 6 window reports is of model fraud");
        assertError(report("--windows", windows.toString(), "--from", "2027-01-01", "--out", out.toString()),
                windows + ": none of its 6 window reports is from 2027-01-01T00:00:00Z");
        assertError(report("--windows", windows.toString(), "--from", "2026-11-28T04:00:00Z", "--to", "2026-11-28T03:00:00Z",
                "--out", out.toString()), "--from 2026-11-28T04:00:00Z must be before --to 2026-11-28T03:00:00Z");
        CliRun badTime = report("--windows", windows.toString(), "--from", "noon", "--out", out.toString());
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("expected a time such as 2026-11-28T03:00:00Z or a date such as 2026-11-28, got 'noon'");
    }

    @Test
    void aTimelineAndADriftReportDoNotMix() {
        String mixed = "--windows makes a timeline and cannot be mixed with --reference, --current, --labels-column,"
                + " --prediction-column or --categorical";
        assertError(report("--windows", windows.toString(), "--reference", "train.csv", "--out", out.toString()), mixed);
        assertError(report("--windows", windows.toString(), "--current", "today.csv", "--out", out.toString()), mixed);
        assertError(report("--windows", windows.toString(), "--labels-column", "label", "--out", out.toString()), mixed);
        assertError(report("--decisions", "decisions.jsonl", "--reference", "train.csv", "--current", "today.csv",
                "--out", out.toString()), "--decisions, --from and --to belong to a timeline: give its window reports with --windows");
        assertError(report("--out", out.toString()), "give --reference and --current for a drift report, or --windows for a timeline");
        assertError(report("--reference", "train.csv", "--out", out.toString()),
                "give --reference and --current for a drift report, or --windows for a timeline");
    }

    private static void assertError(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("modelwatch report: " + message + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    private static void assertErrorStartsWith(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("modelwatch report: " + message).hasLineCount(1);
    }
}
