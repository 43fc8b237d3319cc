package io.modelwatch.cli.driftreport;

import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The generated credit-default traffic as CSV files with a prediction and a label column: one prediction
 * a second, drifting from row {@value #DRIFT_AT} on. Optionally with a hostile column name and a hostile
 * category, to prove the report escapes users' data.
 */
final class CreditCsv {
    static final int DRIFT_AT = 1_000;
    static final String PREDICTION = "prediction";
    static final String LABEL = "label";
    static final String HOSTILE_COLUMN = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_CATEGORY = "</script><script>alert(1)</script>";
    static final String SEGMENT = "segment";
    static final List<String> FEATURES =
            List.of("income", "age", "utilization", "debt_ratio", "tenure_months", "region", "channel");

    private static final TrafficGenerator TRAFFIC = new TrafficGenerator(
            GeneratorConfig.DEFAULTS.withEventsPerSecond(1).withDriftAfter(Duration.ofSeconds(DRIFT_AT)));

    private CreditCsv() {}

    /** Served predictions {@code from} to {@code from + count - 1} (failed requests left out). */
    static Path write(Path file, long from, int count, boolean hostile) throws IOException {
        List<String> header = new ArrayList<>(FEATURES);
        if (hostile) {
            header.add(HOSTILE_COLUMN);
            header.add(SEGMENT);
        }
        header.add(PREDICTION);
        header.add(LABEL);
        List<String> lines = new ArrayList<>();
        lines.add(csvLine(header));
        for (long index = from; index < from + count; index++) {
            PredictionEvent event = TRAFFIC.event(index);
            if (event.isError()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            FEATURES.forEach(name -> cells.add(text(event.features().get(name))));
            if (hostile) {
                cells.add(Long.toString(index % 97));
                cells.add(index % 5 == 0 ? HOSTILE_CATEGORY : index % 2 == 0 ? "retail" : "business");
            }
            cells.add(event.prediction());
            cells.add(TRAFFIC.label(index).map(label -> label.actual()).orElse(""));
            lines.add(csvLine(cells));
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String text(FeatureValue value) {
        return value == null || value.isMissing() ? "" : value.text();
    }

    private static String csvLine(List<String> cells) {
        return cells.stream().map(CreditCsv::quoted).collect(Collectors.joining(","));
    }

    private static String quoted(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
