package io.modelwatch.cli.timeline;

import io.modelwatch.common.report.WindowReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code modelwatch report} that make a timeline instead of a drift report: window
 * reports, optionally retraining decisions, and the time range to show.
 */
public final class TimelineOptions {

    @Option(names = "--windows", paramLabel = "REPORTS.jsonl",
            description = "Window reports, one JSON object a line (modelwatch monitor's output, or the demo's): makes a timeline.")
    private Path windows;

    @Option(names = "--decisions", paramLabel = "DECISIONS.jsonl",
            description = "Retraining decisions to mark on the time axis: modelwatch trigger's output or the trigger job's"
                    + " audit records (retraining-events), one JSON object a line.")
    private Path decisions;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Show windows starting at or after TIME (e.g. 2026-11-28T03:00:00Z, or a date, UTC).")
    private Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Show windows ending at or before TIME.")
    private Instant to;

    /** Null when only other timeline options were given. */
    public Path windows() {
        return windows;
    }

    /**
     * Reads the window reports and decisions and keeps those of the filter.
     *
     * @param model {@code --model}: a model's name or NAME@VERSION; null for every model
     * @throws IllegalArgumentException with a one-line message naming the file, line and field, for bad input
     */
    public TimelineReport read(String model, Instant generatedAt) {
        TimelineFilter filter = new TimelineFilter(model, from, to);
        List<WindowReport> all = WindowReportsFile.read(windows);
        List<WindowReport> kept = all.stream().filter(filter::keeps).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(windows + ": none of its " + all.size() + " window reports is"
                    + filter.describe());
        }
        List<TimelineDecision> shown = decisions == null ? List.of()
                : DecisionsFile.read(decisions).stream().filter(filter::keeps).toList();
        List<Timeline> timelines = Timeline.of(kept, shown);
        int matched = timelines.stream().mapToInt(timeline -> timeline.decisions().size()).sum();
        return new TimelineReport(generatedAt, windows.toString(), decisions == null ? null : decisions.toString(),
                filter, timelines, shown.size() - matched);
    }

    public static void write(TimelineReport report, boolean json, Writer out) throws IOException {
        if (json) {
            TimelineJson.write(report, out);
        } else {
            TimelineHtml.write(report, out);
        }
    }

    /** An instant, an offset date-time, a date-time in UTC, or a date (its start, UTC). */
    static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException notDate) {
                        throw new CommandLine.TypeConversionException(
                                "expected a time such as 2026-11-28T03:00:00Z or a date such as 2026-11-28, got '" + value + "'");
                    }
                }
            }
        }
    }
}
