package io.modelwatch.common.report;

import java.util.Map;

/**
 * @param frequencies category → share of the non-missing values; rare categories past the cap pooled as {@code __other__}
 * @param unseenShare share of non-missing values whose category the reference never saw; null without a reference
 */
public record CategoricalSummary(Map<String, Double> frequencies, Double unseenShare) {}
