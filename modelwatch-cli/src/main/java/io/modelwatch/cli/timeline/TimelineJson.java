package io.modelwatch.cli.timeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.common.report.WindowReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The timeline as a JSON document ({@code --format json}), which the HTML page also carries for its
 * window panel. Every series is an array with one entry per window, in window order, null where the
 * window has no value:
 * <pre>
 * {"format": "modelwatch-timeline", "version": 1, "generated_at",
 *  "sources": {"windows", "decisions"}, "filter": {"model", "from", "to"},
 *  "model_versions": [{"model", "model_version",
 *    "summary": {"windows", "drifted_windows", "drifted_share", "first_drifted_window", "dataset_drift_windows",
 *        "current": {"window_end", "state", "drifted_features", "drifted_run", "concept_drift", "accuracy"},
 *        "decisions", "decisions_by_rule"},
 *    "windows": {"start": [...], "end": [...]},
 *    "volume": {"predictions", "errors", "error_rate", "late_events"},
 *    "latency_ms": {"p50", "p95", "p99"},
 *    "performance": {"labeled", "label_coverage", "accuracy", "f1_weighted", "f1_macro", "estimated_accuracy",
 *        "mae", "rmse", "mape"},
 *    "concept_drift": {"state": [...], "changes": [{"window", "window_end", "from", "to"}]},
 *    "dataset_drift": {"drifted_features", "total_features", "share", "drifted"},
 *    "prediction_shares": {CLASS: [...]},
 *    "features": [{"name", "type", "method", "drifted_windows", "longest_run", "current_run",
 *        "score", "p_value", "threshold", "drifted", "psi", "missing_share"}],
 *    "decisions": [{"window", "window_start", "window_end", "rule", "severity", "reason", "metrics", "actions",
 *        "idempotency_key", "deliveries": [{"action", "target_type", "outcome", "attempts", "status", "detail"}]}]}]}
 * </pre>
 * Features come in the order of how many windows they drifted in, most first. A decision's
 * {@code window} is the index of the window it fired on (null when the report has no such window);
 * its {@code window_start}, {@code reason} and {@code metrics} are null when the decisions file did
 * not carry them ({@code modelwatch trigger}'s lines do not).
 */
public final class TimelineJson {
    public static final String FORMAT = "modelwatch-timeline";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private TimelineJson() {}

    /** Indented, with each series on one line. */
    public static void write(TimelineReport report, Writer out) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        MAPPER.writer(printer).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, toJson(report));
        out.write('\n');
    }

    /**
     * On one line, safe inside an HTML {@code <script type="application/json">} element: {@code <}, {@code >}
     * and {@code &} are written as Unicode escapes, so no string can close the element or open a comment.
     */
    static String forHtml(TimelineReport report) {
        try {
            return MAPPER.writer().with(new HtmlSafeEscapes()).writeValueAsString(toJson(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode toJson(TimelineReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("generated_at", report.generatedAt().toString());
        ObjectNode sources = root.putObject("sources");
        sources.put("windows", report.windowsSource());
        sources.put("decisions", report.decisionsSource());
        ObjectNode filter = root.putObject("filter");
        filter.put("model", report.filter().model());
        putInstant(filter, "from", report.filter().from());
        putInstant(filter, "to", report.filter().to());
        ArrayNode versions = root.putArray("model_versions");
        report.timelines().forEach(timeline -> versions.add(timeline(timeline)));
        return root;
    }

    private static ObjectNode timeline(Timeline timeline) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("model", timeline.model());
        node.put("model_version", timeline.modelVersion());
        node.set("summary", summary(timeline));
        ObjectNode windows = node.putObject("windows");
        ArrayNode starts = windows.putArray("start");
        ArrayNode ends = windows.putArray("end");
        for (WindowReport window : timeline.windows()) {
            starts.add(window.windowStart().toString());
            ends.add(window.windowEnd().toString());
        }
        node.set("volume", group(timeline.volume()));
        node.set("latency_ms", group(timeline.latencyMs()));
        node.set("performance", group(timeline.performance()));
        ObjectNode conceptDrift = node.putObject("concept_drift");
        strings(conceptDrift.putArray("state"), timeline.conceptDrift());
        ArrayNode changes = conceptDrift.putArray("changes");
        for (Timeline.StateChange change : timeline.conceptDriftChanges()) {
            ObjectNode changeNode = changes.addObject();
            changeNode.put("window", change.window());
            changeNode.put("window_end", timeline.windows().get(change.window()).windowEnd().toString());
            changeNode.put("from", change.from());
            changeNode.put("to", change.to());
        }
        ObjectNode datasetDrift = group(timeline.datasetDrift());
        booleans(datasetDrift.putArray("drifted"), timeline.datasetDrifted());
        node.set("dataset_drift", datasetDrift);
        node.set("prediction_shares", group(timeline.predictionShares()));
        ArrayNode features = node.putArray("features");
        timeline.features().forEach(feature -> features.add(feature(feature)));
        ArrayNode decisions = node.putArray("decisions");
        timeline.decisions().forEach(decision -> decisions.add(decision(timeline, decision)));
        return node;
    }

    private static ObjectNode summary(Timeline timeline) {
        TimelineSummary summary = timeline.summary();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("windows", summary.windows());
        node.put("drifted_windows", summary.driftedWindows());
        putNumber(node, "drifted_share", summary.driftedShare());
        if (summary.firstDriftedWindow() == null) {
            node.putNull("first_drifted_window");
        } else {
            WindowReport first = timeline.windows().get(summary.firstDriftedWindow());
            ObjectNode window = node.putObject("first_drifted_window");
            window.put("window", summary.firstDriftedWindow());
            window.put("start", first.windowStart().toString());
            window.put("end", first.windowEnd().toString());
        }
        node.put("dataset_drift_windows", summary.datasetDriftWindows());
        TimelineSummary.Current current = summary.current();
        ObjectNode currentNode = node.putObject("current");
        currentNode.put("window_end", timeline.windows().get(current.window()).windowEnd().toString());
        currentNode.put("state", current.state());
        strings(currentNode.putArray("drifted_features"), current.driftedFeatures());
        currentNode.put("drifted_run", current.driftedRun());
        currentNode.put("concept_drift", current.conceptDrift());
        putNumber(currentNode, "accuracy", current.accuracy());
        node.put("decisions", summary.decisions());
        ObjectNode byRule = node.putObject("decisions_by_rule");
        summary.decisionsByRule().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(rule -> byRule.put(rule.getKey(), rule.getValue()));
        return node;
    }

    private static ObjectNode feature(FeatureTimeline feature) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", feature.name());
        node.put("type", feature.type());
        node.put("method", feature.method());
        node.put("drifted_windows", feature.driftedWindows());
        node.put("longest_run", feature.longestRun());
        node.put("current_run", feature.currentRun());
        series(node, feature.score());
        series(node, feature.pValue());
        series(node, feature.threshold());
        booleans(node.putArray("drifted"), feature.drifted());
        series(node, feature.psi());
        series(node, feature.missingShare());
        return node;
    }

    private static ObjectNode decision(Timeline timeline, TimelineDecision decision) {
        ObjectNode node = MAPPER.createObjectNode();
        int window = timeline.windowOf(decision);
        if (window < 0) {
            node.putNull("window");
        } else {
            node.put("window", window);
        }
        putInstant(node, "window_start", decision.windowStart());
        putInstant(node, "window_end", decision.windowEnd());
        node.put("rule", decision.rule());
        node.put("severity", decision.severity());
        node.put("reason", decision.reason());
        if (decision.metrics() == null) {
            node.putNull("metrics");
        } else {
            ObjectNode metrics = node.putObject("metrics");
            decision.metrics().forEach((name, value) -> putNumber(metrics, name, value));
        }
        strings(node.putArray("actions"), decision.actions());
        node.put("idempotency_key", decision.idempotencyKey());
        ArrayNode deliveries = node.putArray("deliveries");
        for (TimelineDecision.Delivery delivery : decision.deliveries()) {
            ObjectNode deliveryNode = deliveries.addObject();
            deliveryNode.put("action", delivery.action());
            deliveryNode.put("target_type", delivery.targetType());
            deliveryNode.put("outcome", delivery.outcome());
            deliveryNode.put("attempts", delivery.attempts());
            deliveryNode.put("status", delivery.status());
            deliveryNode.put("detail", delivery.detail());
        }
        return node;
    }

    private static ObjectNode group(Map<String, TimelineSeries> group) {
        ObjectNode node = MAPPER.createObjectNode();
        group.values().forEach(series -> series(node, series));
        return node;
    }

    private static void series(ObjectNode node, TimelineSeries series) {
        ArrayNode values = node.putArray(series.name());
        for (Double value : series.values()) {
            if (value == null) {
                values.addNull();
            } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                values.add(value.longValue());
            } else {
                values.add(value);
            }
        }
    }

    private static void booleans(ArrayNode array, List<Boolean> values) {
        values.forEach(value -> {
            if (value == null) {
                array.addNull();
            } else {
                array.add(value);
            }
        });
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putInstant(ObjectNode node, String name, Instant instant) {
        node.put(name, instant == null ? null : instant.toString());
    }

    private static void putNumber(ObjectNode node, String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    /** Escapes {@code < > &} (and the JavaScript line separators) so the JSON can sit inside a script element. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
