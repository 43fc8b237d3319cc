package io.modelwatch.cli.command;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.drift.DriftAnalysis;
import io.modelwatch.common.drift.DriftReport;
import io.modelwatch.common.drift.DriftSettings;
import io.modelwatch.common.profile.FeatureProfile;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.Binning;
import io.modelwatch.common.stats.DriftMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Batch drift of a current dataset against a reference dataset or profile.",
        footer = {"", "Exit codes: 0 done, 1 dataset drift found with --fail-on-drift, 2 bad usage or input,",
            "3 internal error or resources exhausted (out of memory)."})
public final class DriftCommand extends UserInputCommand {

    @Option(names = "--reference", required = true, paramLabel = "FILE|PROFILE",
            description = "Reference data (CSV or JSON lines) or a profile written by 'modelwatch profile'.")
    Path reference;

    @Option(names = "--current", required = true, paramLabel = "FILE", description = "Current data (CSV or JSON lines).")
    Path current;

    @Option(names = "--format", paramLabel = "json|table", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format = "json";

    @Option(names = "--method", paramLabel = "M",
            description = "Method for every feature: ks, wasserstein, psi, jensen_shannon, chi_square, hellinger, kl_div "
                    + "(default: chosen per feature by reference size and distinct values).")
    String method;

    @Option(names = "--psi-bins", paramLabel = "N", description = "Bins for PSI and the other binned statistics (default: 10).")
    Integer bins;

    @Option(names = "--psi-binning", paramLabel = "quantile|equal-width", description = "How bins are cut (default: quantile).")
    String binning;

    @Option(names = "--categorical", split = ",", paramLabel = "a,b",
            description = "Features to treat as categorical although their values are numbers (reference data files only).")
    List<String> categorical = List.of();

    @Option(names = "--model", paramLabel = "M", description = "With prediction events, only this model's are used.")
    String model;

    @Option(names = "--fail-on-drift", description = "Exit with 1 when the dataset drifted.")
    boolean failOnDrift;

    @Override
    protected int execute() throws DatasetException, IOException {
        if (!format.equals("json") && !format.equals("table")) {
            throw new IllegalArgumentException("--format must be json or table, got '" + format + "'");
        }
        DriftSettings settings = method == null
                ? DriftSettings.defaults()
                : DriftSettings.defaults().withMethod(DriftMethod.fromWireName(method));
        ReferenceProfile profile = referenceProfile();
        Dataset currentData = ReferenceInput.current(current, model);
        rejectMethodForWrongType(settings, profile);
        DriftReport report = DriftAnalysis.analyze(profile, currentData, settings);
        if (!report.ignoredColumns().isEmpty()) {
            CliErrors.print(spec.commandLine(), "columns not in the reference, ignored: " + String.join(", ", report.ignoredColumns()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? DriftJson.render(report) + "\n" : DriftTable.render(report));
        out.flush();
        return failOnDrift && report.datasetDrift().drifted() ? ExitCode.DRIFT : ExitCode.OK;
    }

    private ReferenceProfile referenceProfile() throws DatasetException {
        ProfileOptions options = ProfileOptions.defaults().withBinning(
                binning == null ? Binning.QUANTILE : Binning.fromWireName(binning),
                bins == null ? BinEdges.DEFAULT_BINS : bins);
        ReferenceProfile profile = ReferenceInput.load(reference, model, categorical, options, null, null, Clock.systemUTC());
        if (ReferenceInput.isProfile(reference)) {
            requireProfileBinning(profile);
        }
        return profile;
    }

    /** A profile's bins were cut when it was built; asking for other bins needs a new profile. */
    private void requireProfileBinning(ReferenceProfile profile) {
        for (FeatureProfile feature : profile.features().values()) {
            if (feature.isNumerical()) {
                String profileBinning = feature.numerical().binning();
                int profileBins = feature.numerical().bins();
                boolean otherBinning = binning != null && !Binning.fromWireName(binning).wireName().equals(profileBinning);
                boolean otherBins = bins != null && bins != profileBins;
                if (otherBinning || otherBins) {
                    throw new IllegalArgumentException(reference + " was built with " + profileBins + " " + profileBinning
                            + " bins; build a profile with the bins you want ('modelwatch profile --psi-bins N "
                            + "--psi-binning B') or pass the reference data file");
                }
            }
        }
    }

    private static void rejectMethodForWrongType(DriftSettings settings, ReferenceProfile profile) {
        DriftMethod chosen = settings.method();
        if (chosen != DriftMethod.KS && chosen != DriftMethod.WASSERSTEIN) {
            return;
        }
        profile.features().forEach((name, feature) -> {
            if (!feature.isNumerical()) {
                throw new IllegalArgumentException("--method " + chosen.wireName() + " applies only to numerical features, "
                        + "but '" + name + "' is categorical");
            }
        });
    }
}
