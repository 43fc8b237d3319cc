package io.modelwatch.cli.command;

import io.modelwatch.common.drift.DriftReport;
import io.modelwatch.common.drift.FeatureDriftResult;
import io.modelwatch.common.stats.DatasetDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code drift} command's table for people: one aligned row per feature, drifted ones first. */
final class DriftTable {
    private static final String[] HEADER = {"feature", "type", "method", "score", "p-value", "threshold", "drifted", "psi", "missing"};

    private DriftTable() {}

    static String render(DriftReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        report.features().entrySet().stream()
                .sorted((a, b) -> Integer.compare(rank(a.getValue()), rank(b.getValue())))
                .forEach(entry -> rows.add(row(entry.getKey(), entry.getValue())));
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder(verdict(report.datasetDrift())).append("\n\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", row[i])).append(i + 1 < row.length ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        report.features().forEach((name, result) -> {
            if (!result.computed()) {
                out.append('\n').append(name).append(": ").append(result.reason());
            }
        });
        return out.toString().stripTrailing() + "\n";
    }

    private static int rank(FeatureDriftResult result) {
        if (!result.computed()) {
            return 2;
        }
        return result.drifted() ? 0 : 1;
    }

    private static String verdict(DatasetDrift dataset) {
        return String.format(Locale.ROOT, "Dataset drift: %s — %d of %d features drifted (share %.2f, threshold %.2f)",
                dataset.drifted() ? "DRIFTED" : "no drift", dataset.driftedFeatures(), dataset.totalFeatures(),
                dataset.share(), dataset.threshold());
    }

    private static String[] row(String name, FeatureDriftResult result) {
        Map<String, Double> stats = result.stats();
        return new String[] {
            name,
            result.type(),
            result.computed() ? result.method().wireName() : "-",
            number(result.score()),
            number(result.pValue()),
            number(result.threshold()),
            result.computed() ? (result.drifted() ? "yes" : "no") : "-",
            number(stats.get("psi")),
            result.missingShare() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * result.missingShare())
        };
    }

    private static String number(Double value) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        if (value.isInfinite()) {
            return value > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(value);
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)
                ? String.format(Locale.ROOT, "%.3g", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }
}
