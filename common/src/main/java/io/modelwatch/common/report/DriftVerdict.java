package io.modelwatch.common.report;

/**
 * The deciding drift test of a feature (docs/ARCHITECTURE.md section 4.2).
 *
 * @param pValue null for distance methods
 */
public record DriftVerdict(String method, Double score, Double pValue, Double threshold, boolean drifted) {}
