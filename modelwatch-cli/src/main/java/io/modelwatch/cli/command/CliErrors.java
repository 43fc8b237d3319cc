package io.modelwatch.cli.command;

import io.modelwatch.common.config.ConfigException;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.text.OneLine;
import io.modelwatch.retraining.rules.RuleConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command fails: one line on stderr, {@code modelwatch COMMAND: problem}, never a stack
 * trace, and an exit code that says whose the problem is (see {@link ExitCode}). Bad options and bad
 * input files exit with 2; running out of memory or stack, or a failure no command foresaw, with 3,
 * which is never mistaken for 1 ("drift found"). {@code MODELWATCH_DEBUG=1} adds the stack trace of
 * an unforeseen failure, for a bug report.
 */
public final class CliErrors {
    static final String DEBUG_VARIABLE = "MODELWATCH_DEBUG";

    private CliErrors() {}

    /** Installs the handlers on {@code cli} and all its subcommands. */
    public static CommandLine install(CommandLine cli) {
        IExecutionStrategy strategy = cli.getExecutionStrategy();
        cli.setExecutionStrategy(parseResult -> guarded(strategy, parseResult));
        cli.setParameterExceptionHandler(CliErrors::badUsage);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> failed(e, command));
        return cli;
    }

    /** Prints {@code modelwatch COMMAND: message} as one line on the command's stderr. */
    public static void print(CommandLine command, String message) {
        PrintWriter err = command.getErr();
        err.println(name(command) + ": " + OneLine.of(message));
        err.flush();
    }

    /** {@code modelwatch drift}, also for a command run on its own (as tests do). */
    private static String name(CommandLine command) {
        String name = command.getCommandSpec().qualifiedName();
        return name.startsWith("modelwatch") ? name : "modelwatch " + name;
    }

    /** A configuration's problems, one per line in its message, as one line. */
    public static String joined(ConfigException e) {
        return String.join("; ", e.getMessage().strip().split("\\R+"));
    }

    private static int guarded(IExecutionStrategy strategy, ParseResult parseResult) {
        try {
            return strategy.execute(parseResult);
        } catch (VirtualMachineError e) {
            print(commandOf(parseResult), exhausted(e));
            return ExitCode.INTERNAL;
        }
    }

    private static int badUsage(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        if (!(e instanceof UnmatchedArgumentException) && !command.getUnmatchedArguments().isEmpty()) {
            // A misspelt option also leaves the option it meant missing: the misspelling is the news.
            e = new UnmatchedArgumentException(command, command.getUnmatchedArguments());
        }
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        print(command, message + " (see '" + name(command) + " --help')");
        return ExitCode.USAGE;
    }

    /**
     * A command's exception, often a Flink job failure wrapping its cause several levels down: the
     * cause decides. Input problems (a dataset, configuration or rules error, a file that cannot be
     * read or written) exit with 2; resource exhaustion and anything unforeseen with 3.
     */
    private static int failed(Exception e, CommandLine command) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable input = null;
        Throwable root = e;
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof VirtualMachineError error) {
                print(command, exhausted(error));
                return ExitCode.INTERNAL;
            }
            if (input == null && isInputProblem(t, t == e)) {
                input = t;
            }
            root = t;
        }
        if (input != null) {
            print(command, input instanceof ConfigException config ? joined(config)
                    : input instanceof IOException io ? ioProblem(io) : input.getMessage());
            return ExitCode.USAGE;
        }
        print(command, "internal error: " + describe(root) + (debug() ? "" : " (set " + DEBUG_VARIABLE
                + "=1 for the stack trace)"));
        if (debug()) {
            e.printStackTrace(command.getErr());
            command.getErr().flush();
        }
        return ExitCode.INTERNAL;
    }

    /**
     * @param thrownByCommand an IllegalArgumentException thrown by the command itself is its verdict on
     *     the input; one from deep inside a library is a bug of ours
     */
    private static boolean isInputProblem(Throwable t, boolean thrownByCommand) {
        return t instanceof DatasetException || t instanceof ConfigException || t instanceof RuleConfigException
                || t instanceof IOException || (thrownByCommand && t instanceof IllegalArgumentException);
    }

    /** An I/O failure as people say it: the file first, then what went wrong. */
    public static String ioProblem(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException) {
            return e.getMessage();
        }
        return "I/O error: " + e.getMessage();
    }

    static String exhausted(VirtualMachineError e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "): the input needs more memory than this JVM has; "
                    + "give it more (JAVA_OPTS=-Xmx8g) or split the input";
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow: the input is nested too deeply for this command";
        }
        return "the Java VM failed: " + e;
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static boolean debug() {
        String value = System.getenv(DEBUG_VARIABLE);
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    private static CommandLine commandOf(ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        return last.commandSpec().commandLine();
    }
}
