package io.modelwatch.common.conceptdrift;

import java.util.SplittableRandom;

/** A reproducible stream of Bernoulli outcomes (1 = wrong prediction) whose error rate can step. */
final class ErrorStream {
    private final SplittableRandom random;

    ErrorStream(long seed) {
        random = new SplittableRandom(seed);
    }

    int next(double errorRate) {
        return random.nextDouble() < errorRate ? 1 : 0;
    }

    /**
     * Feeds {@code before} outcomes at {@code rateBefore}, then up to {@code after} at {@code rateAfter},
     * and returns the index of the first drift signalled at or after the change (-1 if none).
     */
    int firstDriftAtOrAfterChange(ConceptDriftDetector detector, int before, double rateBefore, int after, double rateAfter) {
        for (int i = 0; i < before; i++) {
            detector.update(next(rateBefore));
        }
        for (int i = 0; i < after; i++) {
            if (detector.update(next(rateAfter)) == DetectorState.DRIFT) {
                return before + i;
            }
        }
        return -1;
    }
}
