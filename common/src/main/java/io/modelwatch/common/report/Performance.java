package io.modelwatch.common.report;

import java.util.Map;

/**
 * Quality of the outcomes whose label became known in the window (docs/ARCHITECTURE.md section 4.3).
 * Classifiers fill the classification metrics, regressors mae / rmse / mape; the others are null.
 *
 * @param labelCoverage labeled / predictions of the window
 * @param labelDelayMs how long after their prediction the labels of the window arrived
 * @param estimatedAccuracy mean probability of the predicted class over the window's predictions
 *     that carry probabilities (labeled or not); null without probabilities
 */
public record Performance(
        long labeled,
        Double labelCoverage,
        Double accuracy,
        Double precisionWeighted,
        Double recallWeighted,
        Double f1Weighted,
        Double f1Macro,
        Map<String, ClassPerformance> perClass,
        Double mae,
        Double rmse,
        Double mape,
        LabelDelay labelDelayMs,
        Double estimatedAccuracy) {}
