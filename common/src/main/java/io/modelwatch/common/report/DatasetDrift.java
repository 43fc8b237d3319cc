package io.modelwatch.common.report;

/** @param share drifted / total features whose drift could be computed; null when there are none */
public record DatasetDrift(int driftedFeatures, int totalFeatures, Double share, double threshold, boolean drifted) {}
