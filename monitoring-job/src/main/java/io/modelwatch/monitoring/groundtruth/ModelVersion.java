package io.modelwatch.monitoring.groundtruth;

/** A model version: what per-model state is keyed by. */
public record ModelVersion(String model, String version) {

    public static ModelVersion of(LabeledOutcome outcome) {
        return new ModelVersion(outcome.model(), outcome.modelVersion());
    }
}
