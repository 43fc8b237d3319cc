package io.modelwatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.dataset.DatasetException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Whatever a command throws, the user sees one line and an exit code that says whose problem it is. */
class CliErrorsTest {

    @Command(name = "modelwatch")
    static final class Root {}

    @Command(name = "fragile")
    static final class Fragile implements Callable<Integer> {
        @Option(names = "--fail")
        String failure;

        @Override
        public Integer call() throws Exception {
            Throwable thrown = switch (failure) {
                case "oom" -> new OutOfMemoryError("Java heap space");
                case "stack" -> new StackOverflowError();
                case "bug" -> new NullPointerException("Cannot invoke \"Object.toString()\"");
                case "input-deep-in-a-job" -> new RuntimeException("Job execution failed.",
                        new IllegalStateException("task failed", new DatasetException("events.jsonl:7: features.age: bad\nvalue")));
                case "oom-deep-in-a-job" -> new RuntimeException("Job execution failed.", new OutOfMemoryError("Java heap space"));
                case "io" -> new NoSuchFileException("/data/missing.csv");
                default -> new IllegalArgumentException("--fail: unknown failure '" + failure + "'\nsecond line");
            };
            if (thrown instanceof Error error) {
                throw error;
            }
            throw (Exception) thrown;
        }
    }

    private record Run(int exitCode, String err) {}

    private static Run run(String failure) {
        CommandLine cli = new CommandLine(new Root()).addSubcommand(new Fragile());
        CliErrors.install(cli);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return new Run(cli.execute("fragile", "--fail", failure), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "oom                 | 3 | modelwatch fragile: out of memory (Java heap space): the input needs more memory",
        "stack               | 3 | modelwatch fragile: stack overflow: the input is nested too deeply for this command",
        "bug                 | 3 | modelwatch fragile: internal error: java.lang.NullPointerException: Cannot invoke",
        "oom-deep-in-a-job   | 3 | modelwatch fragile: out of memory (Java heap space)",
        "input-deep-in-a-job | 2 | modelwatch fragile: events.jsonl:7: features.age: bad\\nvalue",
        "io                  | 2 | modelwatch fragile: /data/missing.csv: no such file or directory",
        "usage               | 2 | modelwatch fragile: --fail: unknown failure 'usage'\\nsecond line"})
    void everyFailureIsOneLineWithTheExitCodeOfItsKind(String failure, int exitCode, String line) {
        Run run = run(failure);
        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err()).startsWith(line).matches("[^\n]*\n").doesNotContain("\tat ");
    }
}
