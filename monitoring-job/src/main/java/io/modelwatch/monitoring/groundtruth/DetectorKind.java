package io.modelwatch.monitoring.groundtruth;

import io.modelwatch.common.conceptdrift.Adwin;
import io.modelwatch.common.conceptdrift.ConceptDriftDetector;
import io.modelwatch.common.conceptdrift.Ddm;

/** The concept-drift detectors a model version's outcomes can be watched with ({@code concept-drift.detector}). */
public enum DetectorKind {
    DDM(Ddm.class),
    ADWIN(Adwin.class);

    private final Class<? extends ConceptDriftDetector> type;

    DetectorKind(Class<? extends ConceptDriftDetector> type) {
        this.type = type;
    }

    public Class<? extends ConceptDriftDetector> type() {
        return type;
    }

    public static DetectorKind fromName(String name) {
        for (DetectorKind detector : values()) {
            if (detector.name().equalsIgnoreCase(name)) {
                return detector;
            }
        }
        throw new IllegalArgumentException("unknown concept-drift detector '" + name + "' (expected ddm or adwin)");
    }
}
