package io.modelwatch.common.report;

/** Label time minus prediction time of a window's labeled outcomes, in milliseconds; null without outcomes. */
public record LabelDelay(Double p50, Double p95) {}
