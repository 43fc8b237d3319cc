package io.modelwatch.common.report;

import io.modelwatch.common.stats.DatasetDrift;
import java.time.Instant;
import java.util.Map;

/**
 * What the monitoring job says about one model version in one tumbling event-time window
 * (docs/ARCHITECTURE.md section 3). A metric that cannot be computed is null, never NaN.
 *
 * @param predictionDistribution predicted class → share of the window's predictions
 * @param features feature name → summary and drift; empty when no event carried features
 * @param datasetDrift null when no feature has a reference to drift against
 * @param performance null when no ground truth became known in the window
 * @param conceptDrift null when no outcome has been seen yet
 * @param reference the profile the drift was measured against; null when there is no drift
 */
public record WindowReport(
        String model,
        String modelVersion,
        Instant windowStart,
        Instant windowEnd,
        Volume volume,
        LatencySummary latencyMs,
        Map<String, Double> predictionDistribution,
        Map<String, FeatureReport> features,
        DatasetDrift datasetDrift,
        Performance performance,
        ConceptDrift conceptDrift,
        ReportReference reference) {

    /** A report without drift, or one whose reference is not named. */
    public WindowReport(String model, String modelVersion, Instant windowStart, Instant windowEnd, Volume volume,
            LatencySummary latencyMs, Map<String, Double> predictionDistribution, Map<String, FeatureReport> features,
            DatasetDrift datasetDrift, Performance performance, ConceptDrift conceptDrift) {
        this(model, modelVersion, windowStart, windowEnd, volume, latencyMs, predictionDistribution, features,
                datasetDrift, performance, conceptDrift, null);
    }
}
