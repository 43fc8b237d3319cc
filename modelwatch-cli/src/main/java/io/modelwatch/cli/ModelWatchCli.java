package io.modelwatch.cli;

import io.modelwatch.cli.command.CliErrors;
import io.modelwatch.cli.command.DriftCommand;
import io.modelwatch.cli.command.ExitCode;
import io.modelwatch.cli.command.MonitorCommand;
import io.modelwatch.cli.command.ProfileCommand;
import io.modelwatch.cli.command.ReportCommand;
import io.modelwatch.cli.command.TriggerCommand;
import io.modelwatch.cli.demo.DemoCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * {@code bin/modelwatch}: the command line of docs/ARCHITECTURE.md section 7. Exit codes: 0 success,
 * 1 drift found where the command was asked to fail on drift, 2 bad usage or bad input, 3 internal
 * error or resources exhausted; every failure is one line on stderr ({@link CliErrors}).
 */
@Command(name = "modelwatch",
        mixinStandardHelpOptions = true,
        versionProvider = ModelWatchCli.Version.class,
        description = "Production ML-model monitoring on Apache Flink.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'modelwatch COMMAND --help' for a command's options.",
            "Exit codes: 0 done, 1 drift found where asked to fail on drift, 2 bad usage or bad input,",
            "3 internal error or resources exhausted (out of memory, stack overflow)."},
        subcommands = {DemoCommand.class, ProfileCommand.class, DriftCommand.class, ReportCommand.class, MonitorCommand.class,
            TriggerCommand.class})
public final class ModelWatchCli implements Runnable {
    @CommandLine.Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ModelWatchCli());
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCode.INTERNAL);
        return CliErrors.install(cli);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ModelWatchCli.class.getPackage().getImplementationVersion();
            return new String[] {"modelwatch " + (version == null ? "(development build)" : version)};
        }
    }
}
