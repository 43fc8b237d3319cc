package io.modelwatch.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.common.drift.DriftReport;
import io.modelwatch.common.drift.FeatureDriftResult;
import io.modelwatch.common.stats.DatasetDrift;
import java.util.Map;

/**
 * The {@code drift} command's JSON (docs/ARCHITECTURE.md section 7): {@code dataset_drift} as in window
 * reports, and per feature its verdict and every statistic that applies. A feature without a
 * verdict has null method, score and drifted, and a {@code reason}. A number that is not finite (a
 * statistic that cannot be computed, or that overflows) is null, never {@code "NaN"} or
 * {@code "Infinity"}: the contract of window reports and of {@code report --format json}.
 */
final class DriftJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DriftJson() {}

    static String render(DriftReport report) {
        ObjectNode root = JSON.createObjectNode();
        DatasetDrift dataset = report.datasetDrift();
        ObjectNode datasetNode = root.putObject("dataset_drift");
        datasetNode.put("drifted_features", dataset.driftedFeatures());
        datasetNode.put("total_features", dataset.totalFeatures());
        datasetNode.put("share", finite(dataset.share()));
        datasetNode.put("threshold", dataset.threshold());
        datasetNode.put("drifted", dataset.drifted());
        ObjectNode features = root.putObject("features");
        report.features().forEach((name, result) -> features.set(name, feature(result)));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always writable", e);
        }
    }

    private static ObjectNode feature(FeatureDriftResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", result.type());
        node.put("method", result.computed() ? result.method().wireName() : null);
        node.put("score", finite(result.score()));
        node.put("p_value", finite(result.pValue()));
        node.put("threshold", finite(result.threshold()));
        node.put("drifted", result.drifted());
        node.put("missing_share", finite(result.missingShare()));
        ObjectNode stats = node.putObject("stats");
        for (Map.Entry<String, Double> stat : result.stats().entrySet()) {
            stats.put(stat.getKey(), finite(stat.getValue()));
        }
        if (result.reason() != null) {
            node.put("reason", result.reason());
        }
        return node;
    }

    static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
