package io.modelwatch.cli;

import io.modelwatch.cli.command.ExitCode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelWatchCliTest {

    @Test
    void helpListsEveryCommandOfTheDesignAndExitsZero() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("demo", "profile", "drift", "report", "monitor", "trigger");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun none = CliRun.of();
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("a command is required");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun bogus = CliRun.of("bogus");
        assertThat(bogus.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bogus.err()).contains("Unmatched argument at index 0: 'bogus'");
    }

    @Test
    void triggerIsARealCommandNoLongerAPlannedOne() {
        CliRun help = CliRun.of("trigger", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--reports", "--rules", "--dry-run").doesNotContain("not available yet");
    }
}
