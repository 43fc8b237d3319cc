package io.modelwatch.common.report;

public record ClassPerformance(double precision, double recall, double f1, long support) {}
