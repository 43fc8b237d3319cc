package io.modelwatch.cli.command;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.dataset.DatasetReader;
import io.modelwatch.common.profile.ProfileBuilder;
import io.modelwatch.common.profile.ProfileCodec;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.common.stats.BinEdges;
import io.modelwatch.common.stats.Binning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Build a reference profile from a CSV or JSON-lines file: what drift is measured against.")
public final class ProfileCommand extends UserInputCommand {

    @Option(names = "--input", paramLabel = "FILE",
            description = "Reference data: CSV with a header row, or JSON lines (flat objects or prediction events).")
    Path input;

    @Option(names = "--publish-profile", paramLabel = "PROFILE.json", description = "Publish this profile file as it "
            + "is instead of building one (key model/version from the file; needs --bootstrap-servers).")
    Path publishProfile;

    @Option(names = "--out", paramLabel = "PROFILE.json", description = "Where to write the profile (required without --publish).")
    Path out;

    @Option(names = "--publish", description = "Also publish the profile to the running monitoring job's profiles topic, "
            + "under the key model/version (needs --model, --model-version and --bootstrap-servers).")
    boolean publish;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka, for --publish and --publish-profile.")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "T", description = "The profiles topic (default: ${DEFAULT-VALUE}); "
            + "created compacted when missing.")
    String topic = "model-profiles";

    @Option(names = "--effective-from", paramLabel = "TIME", description = "When publishing: the first window start the "
            + "profile applies to (ISO-8601, e.g. 2026-12-06T00:00:00Z); default: the first window that starts after it is published.")
    Instant effectiveFrom;

    @Option(names = "--model", paramLabel = "M",
            description = "Model the profile is for; with prediction events, only this model's are used.")
    String model;

    @Option(names = "--model-version", paramLabel = "V", description = "Model version, if the profile is for one version only.")
    String modelVersion;

    @Option(names = "--categorical", split = ",", paramLabel = "a,b",
            description = "Features to treat as categorical although their values are numbers.")
    List<String> categorical = List.of();

    @Option(names = "--psi-bins", paramLabel = "N", description = "Bins for PSI and histograms (default: ${DEFAULT-VALUE}).")
    int bins = BinEdges.DEFAULT_BINS;

    @Option(names = "--psi-binning", paramLabel = "quantile|equal-width",
            description = "How the bins are cut from the reference (default: ${DEFAULT-VALUE}).")
    String binning = Binning.QUANTILE.wireName();

    @Option(names = "--exact-limit", paramLabel = "N",
            description = "Features with at most N values keep them all (exact KS); larger ones keep a quantile sketch "
                    + "(default: ${DEFAULT-VALUE}).")
    int exactLimit = ProfileOptions.DEFAULT_EXACT_LIMIT;

    @Override
    protected int execute() throws DatasetException, IOException {
        if (publishProfile != null) {
            return publishFile();
        }
        if (input == null) {
            throw new ParameterException(spec.commandLine(), "Missing option: --input FILE (or --publish-profile PROFILE.json)");
        }
        ProfileOptions defaults = ProfileOptions.defaults();
        ProfileOptions unchecked = new ProfileOptions(Binning.fromWireName(binning), bins, exactLimit, defaults.sketchK(),
                defaults.maxCategories(), Set.of());
        if (out == null && !publish) {
            throw new ParameterException(spec.commandLine(), "Missing option: --out PROFILE.json (or --publish)");
        }
        if (publish && (model == null || modelVersion == null || bootstrapServers == null)) {
            throw new ParameterException(spec.commandLine(),
                    "--publish needs --model, --model-version and --bootstrap-servers: the topic's key is model/version");
        }
        OutputFiles files = new OutputFiles().input("--input", input);
        if (out != null) {
            files.output("--out", out);
        }
        files.check();
        Dataset data = ReferenceInput.requireRows(DatasetReader.read(input, model), model);
        Set<String> categoricalFeatures = CategoricalOption.validated(categorical, data);
        ProfileOptions options = unchecked.withCategorical(new LinkedHashSet<>(categoricalFeatures));
        ReferenceProfile profile = new ProfileBuilder(options, Clock.systemUTC())
                .build(data, model == null ? ReferenceInput.fileStem(input) : model, modelVersion);
        String json = ProfileCodec.toJson(profile);
        if (out != null) {
            Files.writeString(out, json);
        }
        long numerical = profile.features().values().stream().filter(f -> f.isNumerical()).count();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("Profile of %d rows%s and %d features (%d numerical, %d categorical) written to %s%n",
                profile.rows(), ReferenceInput.skipped(data), profile.features().size(), numerical,
                profile.features().size() - numerical, out == null ? "no file" : out);
        if (publish) {
            publish(json, model, modelVersion);
        }
        stdout.flush();
        return ExitCode.OK;
    }

    /** {@code --publish-profile}: a profile built earlier (and reviewed, perhaps) goes out byte for byte. */
    private int publishFile() throws DatasetException, IOException {
        if (input != null || out != null || publish || model != null || modelVersion != null) {
            throw new ParameterException(spec.commandLine(), "--publish-profile publishes a profile file as it is: "
                    + "leave out --input, --out, --publish, --model and --model-version");
        }
        if (bootstrapServers == null) {
            throw new ParameterException(spec.commandLine(), "--publish-profile needs --bootstrap-servers HOST:PORT");
        }
        String json = Files.readString(publishProfile);
        ReferenceProfile profile = ProfileCodec.fromJson(json, publishProfile.toString());
        if (profile.modelVersion() == null) {
            throw new DatasetException(publishProfile + ": the profile is for every version of model '" + profile.model()
                    + "'; the topic's key is model/version, so build it with --model-version");
        }
        publish(json, profile.model(), profile.modelVersion());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    private void publish(String json, String profileModel, String profileVersion) throws IOException {
        RecordMetadata written = ProfilePublication.publish(profileModel + "/" + profileVersion, json, effectiveFrom,
                bootstrapServers, topic);
        spec.commandLine().getOut().printf("Published profile %s of model '%s' version '%s' to topic %s, partition %d, "
                        + "offset %d%s%n", ProfilePublication.id(json), profileModel, profileVersion, written.topic(),
                written.partition(), written.offset(), effectiveFrom == null ? "" : ", effective from " + effectiveFrom);
    }
}
