package io.modelwatch.common.report;

import java.time.Instant;

/**
 * @param state stable, warning or drift
 * @param since event time of the outcome that moved the detector into this state; null while it never changed
 */
public record ConceptDrift(String detector, String state, Instant since) {}
