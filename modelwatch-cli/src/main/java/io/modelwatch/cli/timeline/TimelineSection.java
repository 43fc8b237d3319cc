package io.modelwatch.cli.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * One model version's part of the page: its timeline and every chart of it, laid out. A chart whose
 * metrics no window has is null and left out.
 *
 * @param index the model version's place in the page and in the embedded data
 * @param accuracy accuracy, F1 and estimated accuracy, concept-drift changes marked
 * @param coverage label coverage, under the accuracy
 * @param regression MAE and RMSE, for regressors
 */
public record TimelineSection(int index, String id, Timeline timeline, DriftMap driftMap, List<FeatureCard> features,
        SvgLineChart accuracy, SvgLineChart coverage, SvgLineChart regression, SvgLineChart volume,
        SvgLineChart errorRate, SvgLineChart latency, SvgLineChart predictionShares) {

    static final double WIDTH = 1000;
    static final double HEIGHT = 220;
    static final double SHORT = 130;
    private static final String[] CLASS_COLORS = {"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"};

    static TimelineSection of(int index, Timeline timeline) {
        String id = "m" + (index + 1);
        List<FeatureCard> cards = new ArrayList<>();
        List<String> anchors = new ArrayList<>();
        for (FeatureTimeline feature : timeline.features()) {
            String cardId = id + "-f" + (cards.size() + 1);
            anchors.add(cardId);
            cards.add(FeatureCard.of(cardId, timeline, feature));
        }
        var performance = timeline.performance();
        SvgLineChart accuracy = !Timeline.anyPresent(performance, Timeline.ACCURACY, Timeline.F1_WEIGHTED,
                Timeline.ESTIMATED_ACCURACY) && timeline.conceptDriftChanges().isEmpty() ? null
                : SvgLineChart.builder(timeline, WIDTH, HEIGHT, ValueFormat.DECIMAL)
                        .label("Accuracy, F1 and estimated accuracy over windows")
                        .line("accuracy", "s1", performance.get(Timeline.ACCURACY))
                        .line("F1 weighted", "s2", performance.get(Timeline.F1_WEIGHTED))
                        .line("estimated accuracy", "s3", performance.get(Timeline.ESTIMATED_ACCURACY))
                        .within(0, 1).conceptDriftChanges().decisions().build();
        SvgLineChart coverage = !Timeline.anyPresent(performance, Timeline.LABEL_COVERAGE) ? null
                : SvgLineChart.builder(timeline, WIDTH, SHORT, ValueFormat.PERCENT)
                        .label("Label coverage over windows")
                        .line("label coverage", "s4", performance.get(Timeline.LABEL_COVERAGE))
                        .include(0).within(0, Double.MAX_VALUE).decisions().build();
        SvgLineChart regression = !Timeline.anyPresent(performance, Timeline.MAE, Timeline.RMSE) ? null
                : SvgLineChart.builder(timeline, WIDTH, HEIGHT, ValueFormat.DECIMAL)
                        .label("MAE and RMSE over windows")
                        .line("MAE", "s1", performance.get(Timeline.MAE))
                        .line("RMSE", "s2", performance.get(Timeline.RMSE))
                        .include(0).conceptDriftChanges().decisions().build();
        SvgLineChart volume = !Timeline.anyPresent(timeline.volume(), Timeline.PREDICTIONS) ? null
                : SvgLineChart.builder(timeline, WIDTH, SHORT, ValueFormat.COUNT)
                        .label("Predictions and errors per window")
                        .line("predictions", "s1", timeline.volume().get(Timeline.PREDICTIONS))
                        .line("errors", "s6", timeline.volume().get(Timeline.ERRORS))
                        .include(0).decisions().build();
        SvgLineChart errorRate = !Timeline.anyPresent(timeline.volume(), Timeline.ERROR_RATE) ? null
                : SvgLineChart.builder(timeline, WIDTH, SHORT, ValueFormat.PERCENT)
                        .label("Error rate over windows")
                        .line("error rate", "s6", timeline.volume().get(Timeline.ERROR_RATE))
                        .include(0).within(0, 1).decisions().build();
        SvgLineChart latency = !Timeline.anyPresent(timeline.latencyMs(), Timeline.P50, Timeline.P95, Timeline.P99) ? null
                : SvgLineChart.builder(timeline, WIDTH, HEIGHT, ValueFormat.MILLIS)
                        .label("Latency p50, p95 and p99 over windows")
                        .line("p50", "s1", timeline.latencyMs().get(Timeline.P50))
                        .line("p95", "s5", timeline.latencyMs().get(Timeline.P95))
                        .line("p99", "s6", timeline.latencyMs().get(Timeline.P99))
                        .include(0).decisions().build();
        SvgLineChart shares = null;
        if (!timeline.predictionShares().isEmpty()) {
            SvgLineChart.Builder builder = SvgLineChart.builder(timeline, WIDTH, HEIGHT, ValueFormat.PERCENT)
                    .label("Share of each predicted class over windows").range(0, 1).decisions();
            int color = 0;
            for (TimelineSeries share : timeline.predictionShares().values()) {
                builder.line("class " + share.name(), CLASS_COLORS[color++ % CLASS_COLORS.length], share);
            }
            shares = builder.build();
        }
        return new TimelineSection(index, id, timeline, timeline.features().isEmpty() ? null : DriftMap.of(timeline, anchors),
                cards, accuracy, coverage, regression, volume, errorRate, latency, shares);
    }
}
