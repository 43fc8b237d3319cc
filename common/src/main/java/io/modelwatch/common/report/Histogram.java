package io.modelwatch.common.report;

import java.util.List;

/**
 * Counts over the reference profile's bin edges e0 < … < em, so windows are comparable:
 * {@code counts} has m + 2 entries — values below e0, the m bins, values above em.
 */
public record Histogram(List<Double> edges, List<Long> counts) {}
