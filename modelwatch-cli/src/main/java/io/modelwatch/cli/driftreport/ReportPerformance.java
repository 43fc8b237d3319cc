package io.modelwatch.cli.driftreport;

import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.metrics.ClassificationMetrics;
import io.modelwatch.common.metrics.ConfusionMatrixAccumulator;
import io.modelwatch.common.profile.ReferencePerformance;
import java.util.List;
import java.util.Optional;

/**
 * Classification metrics of the current data's rows that have both a prediction and a label, with the
 * reference's own where its profile has them.
 *
 * @param reference the model's quality on the reference data, or null
 */
public record ReportPerformance(ClassificationMetrics current, ReferencePerformance reference) {
    /** Shades of the confusion matrix's cells, from empty (0) to the largest cell (this value). */
    public static final int DARKEST_SHADE = 4;

    /** The metrics, or empty when no row of the current data has both a prediction and a label. */
    static Optional<ReportPerformance> of(Dataset current, ReferencePerformance reference) {
        ConfusionMatrixAccumulator outcomes = new ConfusionMatrixAccumulator();
        List<String> predictions = current.predictions();
        List<String> actuals = current.actuals();
        for (int row = 0; row < current.rows(); row++) {
            if (predictions.get(row) != null && actuals.get(row) != null) {
                outcomes.add(actuals.get(row), predictions.get(row));
            }
        }
        return ClassificationMetrics.from(outcomes).map(metrics -> new ReportPerformance(metrics, reference));
    }

    /** The shade of a confusion-matrix cell, in proportion to the largest cell. */
    public int shade(long count) {
        long largest = current.confusionMatrix().stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(0);
        return largest == 0 ? 0 : (int) Math.round((double) DARKEST_SHADE * count / largest);
    }
}
