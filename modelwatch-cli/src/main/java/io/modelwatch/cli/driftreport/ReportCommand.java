package io.modelwatch.cli.driftreport;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.drift.DriftAnalysis;
import io.modelwatch.common.drift.DriftReport;
import io.modelwatch.common.drift.DriftSettings;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
import io.modelwatch.cli.command.ExitCode;
import io.modelwatch.cli.command.OutputFiles;
import io.modelwatch.cli.command.ReferenceInput;
import io.modelwatch.cli.command.UserInputCommand;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modelwatch report}: drift of a current dataset against a reference (a profile or the reference
 * data itself) written as one self-contained HTML page, or as JSON. Exit codes: 0 written, 2 bad usage
 * or bad input, with a one-line error.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "A self-contained HTML drift report: verdict, feature table, histograms and classification metrics.")
public final class ReportCommand extends UserInputCommand {
    /** The two ways to write a report. */
    enum Format {
        HTML, JSON
    }

    @Option(names = "--reference", required = true, paramLabel = "FILE|PROFILE",
            description = "Reference data (CSV or JSON lines) or a profile written by 'modelwatch profile'.")
    private Path reference;

    @Option(names = "--current", required = true, paramLabel = "FILE", description = "Current data (CSV or JSON lines).")
    private Path current;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the report.")
    private Path out;

    @Option(names = "--format", paramLabel = "html|json", defaultValue = "html", converter = FormatConverter.class,
            description = "html (default): one page that needs no network; json: the same content as data.")
    private Format format;

    @Option(names = "--labels-column", paramLabel = "COLUMN",
            description = "Column holding the ground truth; with --prediction-column adds classification metrics.")
    private String labelsColumn;

    @Option(names = "--prediction-column", paramLabel = "COLUMN", description = "Column holding the model's prediction.")
    private String predictionColumn;

    @Option(names = "--model", paramLabel = "M", description = "Read only this model's prediction events; names the report.")
    private String model;

    @Option(names = "--categorical", split = ",", paramLabel = "a,b",
            description = "Columns of a data-file reference to treat as categorical even when their values are numbers.")
    private List<String> categorical = new ArrayList<>();

    private final Clock clock;

    public ReportCommand() {
        this(Clock.systemUTC());
    }

    ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected int execute() throws DatasetException, IOException {
        new OutputFiles().input("--reference", reference).input("--current", current).output("--out", out).check();
        ReferenceProfile profile = ReferenceInput.load(reference, model, categorical, ProfileOptions.defaults(),
                predictionColumn, labelsColumn, clock);
        Dataset currentData = ReferenceInput.current(current, model);
        if (predictionColumn != null || labelsColumn != null) {
            currentData = currentData.withOutcomeColumns(predictionColumn, labelsColumn);
        }
        if (labelsColumn != null && !currentData.hasOutcomes()) {
            throw new IllegalArgumentException(current + ": no row has both a prediction and a label"
                    + (predictionColumn == null ? "; name the prediction with --prediction-column" : ""));
        }
        DriftReport drift = DriftAnalysis.analyze(profile, currentData, DriftSettings.defaults());
        ReportModel report = ReportModel.assemble(profile, reference.toString(), currentData, drift, model,
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        try {
            write(report);
        } catch (IOException e) {
            return fail(out + ": cannot be written (" + e.getMessage() + ")");
        }
        spec.commandLine().getOut().printf("modelwatch report: wrote %s (%d of %d features drifted)%n",
                out, report.verdict().driftedFeatures(), report.verdict().totalFeatures());
        return ExitCode.OK;
    }

    private void write(ReportModel report) throws IOException {
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (format == Format.JSON) {
                JsonReport.write(report, writer);
            } else {
                HtmlReport.write(report, writer);
            }
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected html or json, got '" + value + "'");
            }
        }
    }
}
