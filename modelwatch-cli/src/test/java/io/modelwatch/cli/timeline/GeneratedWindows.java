package io.modelwatch.cli.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.common.json.ReportCodec;
import io.modelwatch.common.report.CategoricalSummary;
import io.modelwatch.common.report.ConceptDrift;
import io.modelwatch.common.report.DriftVerdict;
import io.modelwatch.common.report.FeatureReport;
import io.modelwatch.common.report.LabelDelay;
import io.modelwatch.common.report.LatencySummary;
import io.modelwatch.common.report.NumericalSummary;
import io.modelwatch.common.report.Performance;
import io.modelwatch.common.report.Volume;
import io.modelwatch.common.report.WindowReport;
import io.modelwatch.common.stats.DatasetDrift;
import io.modelwatch.retraining.audit.AuditCodec;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.decision.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Window reports made up for the timeline's tests, written with the reports' own codec. One model
 * version's windows are a minute long; its features drift from a given window on, and some windows
 * lack a metric, so that the timeline must leave gaps:
 * <ul>
 *   <li>{@value #INCOME}: wasserstein score, threshold 0.1, with PSI; drifts from the drift window on;</li>
 *   <li>{@value #AGE}: a KS test's p-value, threshold 0.05; drifts in every third window after the drift;</li>
 *   <li>{@value #REGION}: categorical, jensen_shannon, never drifts;</li>
 *   <li>{@value #TENURE}: only in the first half of the windows.</li>
 * </ul>
 * Every 7th window has no performance, every 11th no latency, every 13th no predicted classes.
 */
final class GeneratedWindows {
    static final Instant START = Instant.parse("2026-11-28T03:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final String INCOME = "income";
    static final String AGE = "age";
    static final String REGION = "region";
    static final String TENURE = "tenure";
    private static final ReportCodec CODEC = new ReportCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeneratedWindows() {}

    static Instant start(int window) {
        return START.plus(WINDOW.multipliedBy(window));
    }

    /** Windows 0 … count-1 of one model version, but those in {@code skipped} (holes in time). */
    static List<WindowReport> windows(String model, String version, int count, int driftFrom, long seed, Set<Integer> skipped) {
        Random random = new Random(seed);
        List<WindowReport> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WindowReport window = window(model, version, i, count, driftFrom, random);
            if (!skipped.contains(i)) {
                windows.add(window);
            }
        }
        return windows;
    }

    static WindowReport window(String model, String version, int i, int count, int driftFrom, Random random) {
        boolean drifting = i >= driftFrom;
        Map<String, FeatureReport> features = new LinkedHashMap<>();
        double incomeScore = drifting ? 0.3 + 0.4 * random.nextDouble() : 0.08 * random.nextDouble();
        features.put(INCOME, numerical(new DriftVerdict("wasserstein", incomeScore, null, 0.1, incomeScore >= 0.1),
                Map.of("psi", drifting ? 0.2 + random.nextDouble() : 0.05 * random.nextDouble(), "ks_statistic", 0.1),
                random.nextDouble() * 0.01));
        double agePValue = drifting && (i - driftFrom) % 3 == 0 ? 0.001 * random.nextDouble() : 0.06 + 0.9 * random.nextDouble();
        features.put(AGE, numerical(new DriftVerdict("ks", 0.05 + random.nextDouble() * 0.1, agePValue, 0.05, agePValue < 0.05),
                Map.of("psi", 0.3 * random.nextDouble()), 0.0));
        double regionScore = 0.05 * random.nextDouble();
        features.put(REGION, new FeatureReport(FeatureReport.CATEGORICAL, 1000, 0, 0.0, null,
                new CategoricalSummary(Map.of("north", 0.4, "south", 0.6), 0.0),
                new DriftVerdict("jensen_shannon", regionScore, null, 0.1, false), Map.of("psi", 0.01 * random.nextDouble())));
        if (i < count / 2) {
            features.put(TENURE, numerical(new DriftVerdict("wasserstein", 0.02, null, 0.1, false), Map.of(), 0.0));
        }
        int drifted = (int) features.values().stream().filter(feature -> feature.drift().drifted()).count();

        long predictions = 900 + random.nextInt(200);
        long errors = random.nextInt(20);
        Performance performance = i % 7 == 3 ? null : new Performance(100 + random.nextInt(100), 0.1 + 0.1 * random.nextDouble(),
                (drifting ? 0.7 : 0.88) + 0.05 * random.nextDouble(), 0.8, 0.81, 0.8 + 0.1 * random.nextDouble(), 0.7,
                Map.of(), null, null, null, new LabelDelay(1000.0, 5000.0), 0.86 + 0.02 * random.nextDouble());
        LatencySummary latency = i % 11 == 5 ? new LatencySummary(0, null, null, null, null, null)
                : new LatencySummary(predictions - errors, 12.0, 10 + random.nextDouble(), 25 + random.nextDouble(),
                        40 + 10 * random.nextDouble(), 300.0);
        double positive = (drifting ? 0.5 : 0.2) + 0.1 * random.nextDouble();
        Map<String, Double> classes = i % 13 == 6 ? Map.of() : Map.of("0", 1 - positive, "1", positive);
        ConceptDrift concept = i < 2 ? null
                : new ConceptDrift("ddm", i < driftFrom + 1 ? "stable" : i < driftFrom + 3 ? "warning" : "drift", null);
        return new WindowReport(model, version, start(i), start(i + 1),
                new Volume(predictions, errors, (double) errors / predictions, random.nextInt(3)), latency, classes,
                features, DatasetDrift.of(drifted, features.size()), performance, concept);
    }

    private static FeatureReport numerical(DriftVerdict drift, Map<String, Double> stats, double missingShare) {
        return new FeatureReport(FeatureReport.NUMERICAL, 1000, Math.round(missingShare * 1000), missingShare,
                new NumericalSummary(1.0, 0.5, 0.0, 2.0, Map.of("p50", 1.0), null), null, drift, stats);
    }

    /** The reports as JSON lines, in the order given. */
    static Path write(Path file, List<WindowReport> reports) {
        StringBuilder lines = new StringBuilder();
        reports.forEach(report -> lines.append(CODEC.writeString(report)).append('\n'));
        return writeString(file, lines.toString());
    }

    static Decision decision(String model, String version, String rule, Severity severity, int window,
            Map<String, Double> metrics) {
        return Decision.of(model, version, rule, severity, start(window), start(window + 1), metrics,
                List.of("retrain", "alert"));
    }

    /** A decision as the trigger job's audit topic has it: a {@code decision} record, with its metrics. */
    static String auditLine(Decision decision) {
        return new String(new AuditCodec().write(AuditRecord.decision(decision)), StandardCharsets.UTF_8);
    }

    /** A decision as {@code modelwatch trigger} prints it: no window start, no metrics. */
    static String triggerLine(Decision decision) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("model", decision.model());
        line.put("model_version", decision.modelVersion());
        line.put("rule", decision.rule());
        line.put("severity", decision.severity().wireName());
        line.put("window_end", decision.windowEnd().toString());
        line.put("actions", decision.actions());
        line.put("idempotency_key", decision.idempotencyKey());
        try {
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeString(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
