package io.modelwatch.cli.command;

import io.modelwatch.cli.command.ExitCode;
import io.modelwatch.cli.command.OutputFiles;
import io.modelwatch.cli.command.ReferenceInput;
import io.modelwatch.cli.command.UserInputCommand;
import io.modelwatch.cli.driftreport.HtmlReport;
import io.modelwatch.cli.driftreport.JsonReport;
import io.modelwatch.cli.driftreport.ReportModel;
import io.modelwatch.cli.timeline.TimelineOptions;
import io.modelwatch.cli.timeline.TimelineReport;
import io.modelwatch.cli.timeline.TimelineText;
import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.drift.DriftAnalysis;
import io.modelwatch.common.drift.DriftReport;
import io.modelwatch.common.drift.DriftSettings;
import io.modelwatch.common.profile.ProfileOptions;
import io.modelwatch.common.profile.ReferenceProfile;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code modelwatch report}: drift of a current dataset against a reference (a profile or the reference
 * data itself) written as one self-contained HTML page, or as JSON; or, with {@code --windows}, a
 * timeline of window reports and retraining decisions per model version (see {@link TimelineOptions}).
 * Exit codes: 0 written, 2 bad usage or bad input, with a one-line error.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"A self-contained HTML report, or the same content as JSON (--format json):",
            "  --reference and --current: a drift report: verdict, feature table,",
            "    histograms and classification metrics;",
            "  --windows: a timeline per model version of window reports and the",
            "    retraining decisions that fired on them: the verdict at a glance, each",
            "    feature's drift and PSI, accuracy next to its estimate with label",
            "    coverage, volume, errors, latency and predicted classes over windows;",
            "    click a window to open its full report."},
        footer = {"", "The timeline as JSON (--windows ... --format json): every series has one",
            "entry per window, in window order, null where the window has no value.",
            "{\"format\": \"modelwatch-timeline\", \"version\": 1, \"generated_at\",",
            " \"sources\": {\"windows\", \"decisions\"}, \"filter\": {\"model\", \"from\", \"to\"},",
            " \"model_versions\": [{\"model\", \"model_version\",",
            "  \"summary\": {\"windows\", \"drifted_windows\", \"drifted_share\",",
            "    \"first_drifted_window\", \"dataset_drift_windows\", \"current\": {...},",
            "    \"decisions\", \"decisions_by_rule\"},",
            "  \"windows\": {\"start\": [...], \"end\": [...]},",
            "  \"volume\": {\"predictions\", \"errors\", \"error_rate\", \"late_events\"},",
            "  \"latency_ms\": {\"p50\", \"p95\", \"p99\"},",
            "  \"performance\": {\"labeled\", \"label_coverage\", \"accuracy\", \"f1_weighted\",",
            "    \"f1_macro\", \"estimated_accuracy\", \"mae\", \"rmse\", \"mape\"},",
            "  \"concept_drift\": {\"state\": [...],",
            "    \"changes\": [{\"window\", \"window_end\", \"from\", \"to\"}]},",
            "  \"dataset_drift\": {\"drifted_features\", \"total_features\", \"share\",",
            "    \"drifted\"},",
            "  \"prediction_shares\": {CLASS: [...]},",
            "  \"features\": [{\"name\", \"type\", \"method\", \"drifted_windows\",",
            "    \"longest_run\", \"current_run\", \"score\", \"p_value\", \"threshold\",",
            "    \"drifted\", \"psi\", \"missing_share\"}],          (most drifted first)",
            "  \"decisions\": [{\"window\", \"window_start\", \"window_end\", \"rule\",",
            "    \"severity\", \"reason\", \"metrics\", \"actions\", \"idempotency_key\",",
            "    \"deliveries\": [...]}]}]}",
            "A window counts as drifted when any of its features drifted."})
public final class ReportCommand extends UserInputCommand {
    /** The two ways to write a report. */
    enum Format {
        HTML, JSON
    }

    @Option(names = "--reference", paramLabel = "FILE|PROFILE",
            description = "Reference data (CSV or JSON lines) or a profile written by 'modelwatch profile'.")
    private Path reference;

    @Option(names = "--current", paramLabel = "FILE", description = "Current data (CSV or JSON lines).")
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

    @Option(names = "--model", paramLabel = "M",
            description = "Read only this model's prediction events; names the report. With --windows: show only this model"
                    + " (or NAME@VERSION).")
    private String model;

    @Option(names = "--categorical", split = ",", paramLabel = "a,b",
            description = "Columns of a data-file reference to treat as categorical even when their values are numbers.")
    private List<String> categorical = new ArrayList<>();

    @ArgGroup(exclusive = false, heading = "%nTimeline (instead of --reference and --current):%n")
    private TimelineOptions timeline;

    private final Clock clock;

    public ReportCommand() {
        this(Clock.systemUTC());
    }

    public ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected int execute() throws DatasetException, IOException {
        if (timeline != null) {
            return timeline();
        }
        if (reference == null || current == null) {
            return fail("give --reference and --current for a drift report, or --windows for a timeline");
        }
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

    private int timeline() throws IOException {
        if (timeline.windows() == null) {
            return fail("--decisions, --from and --to belong to a timeline: give its window reports with --windows");
        }
        if (reference != null || current != null || labelsColumn != null || predictionColumn != null
                || !categorical.isEmpty()) {
            return fail("--windows makes a timeline and cannot be mixed with --reference, --current, --labels-column,"
                    + " --prediction-column or --categorical");
        }
        TimelineReport report = timeline.read(model, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            TimelineOptions.write(report, format == Format.JSON, writer);
        } catch (IOException e) {
            return fail(out + ": cannot be written (" + e.getMessage() + ")");
        }
        spec.commandLine().getOut().printf("modelwatch report: wrote %s (a timeline of %s, %s, %s)%n", out,
                TimelineText.plural(report.timelines().size(), "model version"),
                TimelineText.plural(report.windows(), "window"), TimelineText.plural(report.decisions(), "decision"));
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
