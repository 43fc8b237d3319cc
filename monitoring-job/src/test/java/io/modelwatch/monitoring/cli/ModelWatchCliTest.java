package io.modelwatch.monitoring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelWatchCliTest {

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = ModelWatchCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandOfTheDesignAndExitsZero() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("demo", "profile", "drift", "report", "monitor", "trigger");
    }

    @Test
    void noCommandIsAUsageError() {
        Run none = run();
        assertThat(none.exitCode()).isEqualTo(ModelWatchCli.EXIT_USAGE);
        assertThat(none.err()).contains("a command is required");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run bogus = run("bogus");
        assertThat(bogus.exitCode()).isEqualTo(ModelWatchCli.EXIT_USAGE);
        assertThat(bogus.err()).contains("Unmatched argument at index 0: 'bogus'");
    }

    @Test
    void triggerIsARealCommandNoLongerAPlannedOne() {
        Run help = run("trigger", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--reports", "--rules", "--dry-run").doesNotContain("not available yet");
    }
}
