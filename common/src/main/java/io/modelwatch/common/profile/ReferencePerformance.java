package io.modelwatch.common.profile;

/** The model's quality on the reference data, from its predictions and labels. */
public record ReferencePerformance(long labeled, double accuracy, double f1Weighted, double f1Macro) {}
