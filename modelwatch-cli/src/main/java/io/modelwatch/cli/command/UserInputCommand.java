package io.modelwatch.cli.command;

import io.modelwatch.common.dataset.DatasetException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command over users' files: bad input (a missing file, a ragged row, an unknown column or
 * method) ends it with a one-line error and exit code 2, never with a stack trace.
 */
public abstract class UserInputCommand implements Callable<Integer> {
    @CommandLine.Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (DatasetException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail(CliErrors.ioProblem(e));
        }
    }

    protected abstract int execute() throws DatasetException, IOException;

    protected int fail(String message) {
        CliErrors.print(spec.commandLine(), message);
        return ExitCode.USAGE;
    }
}
