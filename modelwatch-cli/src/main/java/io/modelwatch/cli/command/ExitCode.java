package io.modelwatch.cli.command;

/**
 * The exit codes of every {@code modelwatch} command (docs/ARCHITECTURE.md section 7). Whatever the
 * code, a failure is told in one line on stderr: {@code modelwatch COMMAND: problem}.
 */
public final class ExitCode {
    public static final int OK = 0;
    /** Drift found where the command was asked to fail on drift. */
    public static final int DRIFT = 1;
    /** Bad usage or bad input, with a one-line error naming the file, line and field. */
    public static final int USAGE = 2;
    /**
     * Internal error or resources exhausted: out of memory, a stack overflow, or a failure the command
     * did not foresee (a bug). Never "drift found", so a script that tests for 1 is not misled.
     */
    public static final int INTERNAL = 3;

    private ExitCode() {}
}
