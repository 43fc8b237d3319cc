package io.modelwatch.common.report;

/** Latency of the events that reported one, in milliseconds; every statistic null when count is 0. */
public record LatencySummary(long count, Double mean, Double p50, Double p95, Double p99, Double max) {}
