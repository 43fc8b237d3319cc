package io.modelwatch.common.report;

import java.util.Map;

/**
 * @param quantiles p05, p25, p50, p75, p95
 * @param histogram counts over the reference bin edges; null without a reference
 */
public record NumericalSummary(
        Double mean, Double std, Double min, Double max, Map<String, Double> quantiles, Histogram histogram) {}
