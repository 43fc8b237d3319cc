package io.modelwatch.common.conceptdrift;

/**
 * An online detector of a rise in a model's error rate, fed one labeled outcome at a time.
 *
 * <p>Implementations are mutable Flink POJOs (public no-arg constructor, bean accessors), so a keyed
 * {@code ValueState} can hold one per model; that is why the state accessor is {@code getState()}.
 */
public interface ConceptDriftDetector {

    /**
     * Feeds one outcome and returns the state after it.
     *
     * @param error 1 for a wrong prediction, 0 for a right one
     * @throws IllegalArgumentException for any other value
     */
    DetectorState update(int error);

    /** The state after the last outcome ({@link DetectorState#STABLE} before any). */
    DetectorState getState();

    /** The detector's name in reports, e.g. {@code ddm}. */
    String name();

    static void requireOutcome(int error) {
        if (error != 0 && error != 1) {
            throw new IllegalArgumentException("an outcome is 1 (wrong prediction) or 0 (right one), got " + error);
        }
    }
}
