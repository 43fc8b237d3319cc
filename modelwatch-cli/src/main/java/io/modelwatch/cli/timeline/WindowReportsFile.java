package io.modelwatch.cli.timeline;

import io.modelwatch.common.json.InvalidEventException;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.report.WindowReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-lines file of window reports, as {@code modelwatch monitor} and the monitoring job's file
 * sink write them. Blank lines are skipped; any other line that is not a report ends the reading with
 * a one-line error naming the file, the line and the field.
 */
final class WindowReportsFile {
    private static final ReportCodec CODEC = new ReportCodec();

    private WindowReportsFile() {}

    static List<WindowReport> read(Path file) {
        List<WindowReport> reports = new ArrayList<>();
        try (BufferedReader reader = open(file)) {
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    reports.add(CODEC.parse(line.getBytes(StandardCharsets.UTF_8)));
                } catch (InvalidEventException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + oneLine(e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (reports.isEmpty()) {
            throw new IllegalArgumentException(file + ": no window reports");
        }
        return reports;
    }

    static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
