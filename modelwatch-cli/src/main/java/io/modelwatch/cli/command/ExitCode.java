package io.modelwatch.cli.command;

/** The exit codes of every {@code modelwatch} command (docs/ARCHITECTURE.md section 7). */
public final class ExitCode {
    public static final int OK = 0;
    /** Drift found where the command was asked to fail on drift. */
    public static final int DRIFT = 1;
    /** Bad usage or bad input, with a one-line error. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
