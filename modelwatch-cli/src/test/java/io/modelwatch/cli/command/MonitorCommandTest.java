package io.modelwatch.cli.command;

import io.modelwatch.cli.ModelWatchCli;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.dataset.DatasetReader;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MonitorCommandTest {
    private static final Path ORACLE = Path.of("../monitoring-job/src/test/resources/oracle/window");

    @TempDir
    Path dir;

    private record Run(int exitCode, String err) {}

    private static Run run(String... args) {
        CommandLine cli = ModelWatchCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return new Run(cli.execute(args), err.toString());
    }

    @Test
    void monitorWritesOneReportPerModelVersionAndWindowAndDeadLettersBadAndLateLines() throws Exception {
        Path profile = dir.resolve("credit.json");
        ProfileCodec.write(new ProfileBuilder(ProfileOptions.defaults(), Clock.systemUTC())
                .build(DatasetReader.read(ORACLE.resolve("reference.jsonl")), "credit", null), profile);
        Path output = dir.resolve("reports.jsonl");

        Run run = run("monitor", "--predictions", ORACLE.resolve("events.jsonl").toString(),
                "--reference", profile.toString(), "--window", "1m", "--output", output.toString());

        // credit/v1, fraud/v2: three windows each; spam/v1 and credit/unknown (the 25-feature line): one each.
        // Dead letters: 5 invalid lines, and 3 events later than their window (no allowed lateness).
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(output)).hasSize(8);
        Path deadLetters = dir.resolve("reports.jsonl.dead-letter.jsonl");
        assertThat(Files.readAllLines(deadLetters)).hasSize(8);
        assertThat(run.err()).contains("8 window reports written to " + output, "8 dead letters written to " + deadLetters);
    }

    @Test
    void monitorWithLabelsReportsPerformanceAndDeadLettersOrphanedAndBadLabels() throws Exception {
        Path labeled = Path.of("../monitoring-job/src/test/resources/oracle/labels");
        Path output = dir.resolve("reports.jsonl");

        Run run = run("monitor", "--predictions", labeled.resolve("predictions.jsonl").toString(),
                "--labels", labeled.resolve("labels.jsonl").toString(), "--label-horizon", "5m",
                "--regression-models", "price", "--window", "1m", "--output", output.toString());

        // churn/v1 and price/v1: three windows of predictions and two more of late-arriving labels each.
        // Dead letters: 3 bad label lines and 5 orphaned labels (the orphan wait is 1h, past the files' end).
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> reports = Files.readAllLines(output);
        assertThat(reports).hasSize(10).allSatisfy(report -> assertThat(report).contains("\"label_coverage\""));
        assertThat(reports).filteredOn(report -> report.contains("\"model\":\"price\""))
                .allSatisfy(report -> assertThat(report).contains("\"mae\":").contains("\"accuracy\":null"));
        assertThat(Files.readAllLines(dir.resolve("reports.jsonl.dead-letter.jsonl"))).hasSize(8);
    }

    @Test
    void aMissingLabelsFileIsABadInputError() throws Exception {
        Path predictions = dir.resolve("p.jsonl");
        Files.writeString(predictions, "");
        Run run = run("monitor", "--predictions", predictions.toString(), "--labels", dir.resolve("none.jsonl").toString(),
                "--output", "o.jsonl");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("none.jsonl: no such file");
    }

    @Test
    void aMissingPredictionsFileIsABadInputError() {
        Run run = run("monitor", "--predictions", dir.resolve("none.jsonl").toString(), "--output", "o.jsonl");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("none.jsonl: no such file");
    }
}
