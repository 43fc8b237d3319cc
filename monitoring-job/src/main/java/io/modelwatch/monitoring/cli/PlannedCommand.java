package io.modelwatch.monitoring.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command of DESIGN.md section 7 that this build does not have yet. It is listed in the help
 * so users see the whole command line, and running it says so and exits with 2 instead of
 * producing output that looks real.
 */
record PlannedCommand(String name, String description) implements Callable<Integer> {

    static List<PlannedCommand> all() {
        return List.of(
                new PlannedCommand("demo", "The whole loop on one machine: traffic, drift, reports and retraining decisions."));
    }

    CommandSpec spec() {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
        spec.name(name);
        spec.usageMessage().description(description + " (not available yet in this build)");
        spec.mixinStandardHelpOptions(true);
        spec.parser().unmatchedArgumentsAllowed(true);
        return spec;
    }

    @Override
    public Integer call() {
        System.err.println("modelwatch " + name + ": not available yet in this build; see the README's status section.");
        return ModelWatchCli.EXIT_USAGE;
    }
}
