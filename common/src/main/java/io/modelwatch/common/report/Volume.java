package io.modelwatch.common.report;

/**
 * @param predictions every event of the window, failed ones included
 * @param errorRate errors / predictions; null for an empty window
 * @param lateEvents events that arrived after the window closed (and its allowed lateness)
 */
public record Volume(long predictions, long errors, Double errorRate, long lateEvents) {}
