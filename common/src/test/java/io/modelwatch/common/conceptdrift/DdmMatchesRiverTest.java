package io.modelwatch.common.conceptdrift;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.conceptdrift.ConceptDriftOracle.DdmCase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our DDM is in river's state after every outcome of river's own test streams and ours (see make_concept_drift_oracle.py). */
class DdmMatchesRiverTest {
    /** The stream in which river's minimum with s = 0 decides a signal, where we deviate on purpose (see {@link Ddm}). */
    private static final String PERFECT_START = "ddm_perfect_start";

    static List<DdmCase> cases() {
        return ConceptDriftOracle.ddmCases().stream().filter(c -> !c.name().equals(PERFECT_START)).toList();
    }

    private static DdmCase river(String name) {
        return ConceptDriftOracle.ddmCases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static String states(String outcomes) {
        Ddm ddm = new Ddm();
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < outcomes.length(); i++) {
            states.append(ConceptDriftOracle.code(ddm.update(outcomes.charAt(i) - '0')));
        }
        return states.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isInRiversStateAfterEveryOutcome(DdmCase river) {
        assertThat(states(river.outcomes())).isEqualTo(river.states());
    }

    @Test
    void theOracleHoldsRiversPublishedExpectations() {
        // river's DDM docstring prints the first warning after each start and the drift
        String doctest = river("ddm_doctest").states();
        assertThat(doctest.indexOf('w')).isEqualTo(1084);
        assertThat(doctest.indexOf('d')).isEqualTo(1334);
        assertThat(doctest.lastIndexOf('d')).isEqualTo(1334);
        assertThat(doctest.indexOf('w', 1335)).isEqualTo(1492);
        // test_drift_detectors.py: one drift at 1049, and none on a stream of ones
        assertThat(river("ddm_numpy_12345").states().indexOf('d')).isEqualTo(1049);
        assertThat(river("ddm_numpy_12345").states().lastIndexOf('d')).isEqualTo(1049);
        assertThat(river("ddm_ones").states()).doesNotContain("d");
    }

    /**
     * 40 right predictions, then a steady error rate of 2%. River takes p_min = s_min = 0 from the perfect start
     * and signals a drift at the first error; restarted, it is right on the next 31 outcomes again often enough
     * that it does so five more times. We take the minimum at the first error instead and signal no drift in the
     * whole stationary stream. Up to the first error the two agree.
     */
    @Test
    void aPerfectStartMakesEachFirstErrorADriftInRiverButNotHere() {
        DdmCase river = river(PERFECT_START);
        String outcomes = river.outcomes();
        int firstError = outcomes.indexOf('1');
        String ours = states(outcomes);

        assertThat(firstError).isEqualTo(42);
        assertThat(ours.substring(0, firstError)).isEqualTo(river.states().substring(0, firstError));
        int start = 0;
        for (int drift = river.states().indexOf('d'); drift >= 0; drift = river.states().indexOf('d', drift + 1)) {
            assertThat(outcomes.charAt(drift)).as("river's drift at %d is an error", drift).isEqualTo('1');
            assertThat(outcomes.substring(start, drift)).as("after %d right predictions since its restart", drift - start)
                    .hasSizeGreaterThan(Ddm.WARM_UP).doesNotContain("1");
            start = drift + 1;
        }
        assertThat(river.states().chars().filter(c -> c == 'd').count()).isEqualTo(6);
        assertThat(ours).doesNotContain("d");
    }
}
