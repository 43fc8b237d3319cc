package io.modelwatch.cli.driftreport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.common.drift.FeatureDriftResult;
import io.modelwatch.common.metrics.ClassMetrics;
import io.modelwatch.common.metrics.ClassificationMetrics;
import io.modelwatch.common.profile.ReferencePerformance;
import io.modelwatch.common.stats.DatasetDrift;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The report as a JSON document ({@code --format json}): the same content as the HTML page, as data.
 * <pre>
 * {"format": "modelwatch-drift-report", "version": 1, "model", "generated_at",
 *  "reference": {"source", "rows"}, "current": {"source", "rows"},
 *  "dataset_drift": {"drifted_features", "total_features", "share", "threshold", "drifted"},
 *  "features": {NAME: {"type", "method", "score", "p_value", "threshold", "drifted", "missing_share", "reason",
 *      "stats": {...as the drift command}, "histogram": {"kind": "bins"|"values"|"categories",
 *      "reference_count", "current_count", "bins": [{"label", "lower", "upper", "reference_share", "current_share"}]}}},
 *  "ignored_columns": [...],
 *  "performance": null | {"labeled", "accuracy", "precision_macro", "recall_macro", "f1_macro",
 *      "precision_weighted", "recall_weighted", "f1_weighted", "labels": [...],
 *      "per_class": {LABEL: {"precision", "recall", "f1", "support"}}, "confusion_matrix": [[...]],
 *      "reference": null | {"labeled", "accuracy", "f1_weighted", "f1_macro"}}}
 * </pre>
 * Features keep the report's order (drifted first). A number that cannot be computed, or is not
 * finite, is null, as in window reports.
 */
public final class JsonReport {
    public static final String FORMAT = "modelwatch-drift-report";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {}

    public static void write(ReportModel report, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(report));
    }

    static ObjectNode toJson(ReportModel report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("model", report.model());
        root.put("generated_at", report.generatedAt().toString());
        root.set("reference", source(report.reference()));
        root.set("current", source(report.current()));
        root.set("dataset_drift", verdict(report.verdict()));
        ObjectNode features = root.putObject("features");
        report.features().forEach(feature -> features.set(feature.name(), feature(feature)));
        ArrayNode ignored = root.putArray("ignored_columns");
        report.ignoredColumns().forEach(ignored::add);
        root.set("performance", report.performance() == null ? null : performance(report.performance()));
        return root;
    }

    private static ObjectNode source(ReportModel.DataSource source) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("source", source.source());
        node.put("rows", source.rows());
        return node;
    }

    private static ObjectNode verdict(DatasetDrift verdict) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("drifted_features", verdict.driftedFeatures());
        node.put("total_features", verdict.totalFeatures());
        putNumber(node, "share", verdict.share());
        putNumber(node, "threshold", verdict.threshold());
        node.put("drifted", verdict.drifted());
        return node;
    }

    private static ObjectNode feature(ReportFeature feature) {
        FeatureDriftResult drift = feature.drift();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", drift.type());
        node.put("method", drift.method() == null ? null : drift.method().wireName());
        putNumber(node, "score", drift.score());
        putNumber(node, "p_value", drift.pValue());
        putNumber(node, "threshold", drift.threshold());
        node.put("drifted", drift.drifted());
        putNumber(node, "missing_share", drift.missingShare());
        node.put("reason", drift.reason());
        ObjectNode stats = node.putObject("stats");
        drift.stats().forEach((name, value) -> putNumber(stats, name, value));
        node.set("histogram", histogram(feature.histogram()));
        return node;
    }

    private static ObjectNode histogram(FeatureHistogram histogram) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", histogram.kind());
        node.put("reference_count", histogram.referenceCount());
        node.put("current_count", histogram.currentCount());
        ArrayNode bins = node.putArray("bins");
        for (HistogramBin bin : histogram.bins()) {
            ObjectNode binNode = bins.addObject();
            binNode.put("label", bin.label());
            putNumber(binNode, "lower", bin.lower());
            putNumber(binNode, "upper", bin.upper());
            putNumber(binNode, "reference_share", bin.referenceShare());
            putNumber(binNode, "current_share", bin.currentShare());
        }
        return node;
    }

    private static ObjectNode performance(ReportPerformance performance) {
        ClassificationMetrics metrics = performance.current();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("labeled", metrics.labeled());
        putNumber(node, "accuracy", metrics.accuracy());
        putNumber(node, "precision_macro", metrics.precisionMacro());
        putNumber(node, "recall_macro", metrics.recallMacro());
        putNumber(node, "f1_macro", metrics.f1Macro());
        putNumber(node, "precision_weighted", metrics.precisionWeighted());
        putNumber(node, "recall_weighted", metrics.recallWeighted());
        putNumber(node, "f1_weighted", metrics.f1Weighted());
        ArrayNode labels = node.putArray("labels");
        metrics.labels().forEach(labels::add);
        ObjectNode perClass = node.putObject("per_class");
        for (Map.Entry<String, ClassMetrics> entry : metrics.perClass().entrySet()) {
            ObjectNode classNode = perClass.putObject(entry.getKey());
            putNumber(classNode, "precision", entry.getValue().precision());
            putNumber(classNode, "recall", entry.getValue().recall());
            putNumber(classNode, "f1", entry.getValue().f1());
            classNode.put("support", entry.getValue().support());
        }
        ArrayNode matrix = node.putArray("confusion_matrix");
        for (List<Long> row : metrics.confusionMatrix()) {
            ArrayNode rowNode = matrix.addArray();
            row.forEach(rowNode::add);
        }
        node.set("reference", performance.reference() == null ? null : referencePerformance(performance.reference()));
        return node;
    }

    private static ObjectNode referencePerformance(ReferencePerformance reference) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("labeled", reference.labeled());
        putNumber(node, "accuracy", reference.accuracy());
        putNumber(node, "f1_weighted", reference.f1Weighted());
        putNumber(node, "f1_macro", reference.f1Macro());
        return node;
    }

    private static void putNumber(ObjectNode node, String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
