package io.modelwatch.common.conceptdrift;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.common.conceptdrift.ConceptDriftOracle.AdwinCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our ADWIN signals where river's does, on river's own test streams and ours (see make_concept_drift_oracle.py). */
class AdwinMatchesRiverTest {

    static List<AdwinCase> cases() {
        return ConceptDriftOracle.adwinCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void detectsAChangeWhereRiverDoes(AdwinCase river) {
        Adwin adwin = new Adwin();
        List<Integer> changes = new ArrayList<>();
        List<Integer> rises = new ArrayList<>();
        for (int i = 0; i < river.values().length(); i++) {
            Adwin.Cut cut = adwin.observe(river.values().charAt(i) - '0');
            if (cut != Adwin.Cut.NONE) {
                changes.add(i);
            }
            if (cut == Adwin.Cut.ROSE) {
                rises.add(i);
            }
        }

        assertThat(changes).isEqualTo(river.detections());
        assertThat(rises).isEqualTo(river.rises());
    }

    /** On error streams (0/1 only) a drift is reported exactly at river's detections where the error rate rose. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsADriftForOneOutcomeAtEachRiseRiverDetects(AdwinCase river) {
        if (!river.values().matches("[01]*")) {
            return;
        }
        Adwin adwin = new Adwin();
        List<Integer> drifts = new ArrayList<>();
        for (int i = 0; i < river.values().length(); i++) {
            if (adwin.update(river.values().charAt(i) - '0') == DetectorState.DRIFT) {
                drifts.add(i);
            }
        }

        assertThat(drifts).isEqualTo(river.rises());
    }

    @Test
    void theOracleHoldsRiversPublishedExpectations() {
        // river's ADWIN docstring and tests/drift/test_adwin_regression.py print these
        assertThat(detections("adwin_doctest")).containsExactly(1023);
        assertThat(detections("adwin_numpy_12345")).containsExactly(1023);
        assertThat(detections("adwin_four_segments")).containsExactly(1023, 2015, 3007);
        assertThat(detections("adwin_constant")).isEmpty();
    }

    private static List<Integer> detections(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().detections();
    }
}
