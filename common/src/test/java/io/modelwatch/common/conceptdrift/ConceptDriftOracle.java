package io.modelwatch.common.conceptdrift;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * River's signals on its own test streams and ours, written by
 * {@code common/src/test/oracle/make_concept_drift_oracle.py}. Streams are strings of digits, one value each.
 */
record ConceptDriftOracle(String engine, List<AdwinCase> adwin, List<DdmCase> ddm) {

    /** River's ADWIN: the indexes where it detected a change, and those of them where the error rate rose. */
    record AdwinCase(String name, String values, List<Integer> detections, List<Integer> rises) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** River's DDM: one state per outcome, s (stable), w (warning) or d (drift). */
    record DdmCase(String name, String outcomes, String states) {
        @Override
        public String toString() {
            return name;
        }
    }

    static ConceptDriftOracle load() {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = ConceptDriftOracle.class.getResourceAsStream("/oracle/concept_drift.json")) {
            return mapper.readValue(in, ConceptDriftOracle.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<AdwinCase> adwinCases() {
        return load().adwin();
    }

    static List<DdmCase> ddmCases() {
        return load().ddm();
    }

    static char code(DetectorState state) {
        return switch (state) {
            case STABLE -> 's';
            case WARNING -> 'w';
            case DRIFT -> 'd';
        };
    }
}
