package io.modelwatch.retraining.rules;

/**
 * The metrics of one window report, as a rule condition reads them. An adapter over the report
 * type implements this; {@link Metric}'s constants name the report field each one maps to.
 */
@FunctionalInterface
public interface MetricLookup {
    /**
     * @param feature the feature selector for metrics that {@link Metric#takesFeature() take one}, else null
     * @return the metric's value, or null when the report has it as null or not at all (an unknown
     *     feature, no performance section, no concept-drift detector). {@link Metric#DATASET_DRIFT}
     *     is 1.0 when drifted, else 0.0; {@link Metric#CONCEPT_DRIFT} is its {@link ConceptDriftState#level()}.
     */
    Double value(Metric metric, String feature);
}
