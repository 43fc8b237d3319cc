package io.modelwatch.retraining.report;

import io.modelwatch.common.report.WindowReport;
import java.util.Objects;

/** Whose reports a rule's streak and cooldown follow: one model version. */
public record ModelVersionKey(String model, String modelVersion) {

    public static ModelVersionKey of(WindowReport report) {
        return new ModelVersionKey(report.model(), report.modelVersion());
    }

    /**
     * Flink assigns keys to key groups by this hash, so it must not change between JVMs: a
     * record's generated hashCode is unspecified, while {@link Objects#hash} is specified.
     */
    @Override
    public int hashCode() {
        return Objects.hash(model, modelVersion);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelVersionKey key && model.equals(key.model) && modelVersion.equals(key.modelVersion);
    }
}
