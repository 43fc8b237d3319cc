package io.modelwatch.cli;

import io.modelwatch.cli.command.DriftCommand;
import io.modelwatch.cli.command.ExitCode;
import io.modelwatch.cli.command.MonitorCommand;
import io.modelwatch.cli.command.ProfileCommand;
import io.modelwatch.cli.driftreport.ReportCommand;
import io.modelwatch.cli.command.TriggerCommand;
import java.io.PrintWriter;
import io.modelwatch.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bin/modelwatch}: the command line of docs/ARCHITECTURE.md section 7. Exit codes: 0 success,
 * 1 drift found where the command was asked to fail on drift, 2 bad usage or bad input.
 */
@Command(name = "modelwatch",
        mixinStandardHelpOptions = true,
        versionProvider = ModelWatchCli.Version.class,
        description = "Production ML-model monitoring on Apache Flink.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'modelwatch COMMAND --help' for a command's options."},
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
        cli.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        return cli;
    }

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ModelWatchCli.class.getPackage().getImplementationVersion();
            return new String[] {"modelwatch " + (version == null ? "(development build)" : version)};
        }
    }
}
