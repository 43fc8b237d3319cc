package io.modelwatch.common.metrics;

/** Precision, recall and F1 of one class, and its support (the number of outcomes whose actual label it is). */
public record ClassMetrics(double precision, double recall, double f1, long support) {}
