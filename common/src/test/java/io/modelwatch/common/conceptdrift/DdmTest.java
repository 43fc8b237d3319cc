package io.modelwatch.common.conceptdrift;

import static io.modelwatch.common.conceptdrift.DetectorState.DRIFT;
import static io.modelwatch.common.conceptdrift.DetectorState.STABLE;
import static io.modelwatch.common.conceptdrift.DetectorState.WARNING;
import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DdmTest {

    /**
     * Outcomes 1-30 (warm-up) hold 3 errors. By hand, with s = sqrt(p (1 - p) / n):
     * <pre>
     *  n  errors  p        s        p + s    minimum                 p_min + 2 s_min  p_min + 3 s_min  state
     *  31   3    0.096774 0.053100 0.149875 set (first)             0.202975         0.256075         stable
     *  32   3    0.093750 0.051527 0.145277 set (lower)             0.196804         0.248331         stable
     *  33   4    0.121212 0.056814 0.178027 kept                    0.196804         0.248331         stable
     *  34   5    0.147059 0.060739 0.207797 kept                    0.196804         0.248331         warning
     *  35   6    0.171429 0.063705 0.235133 kept                    0.196804         0.248331         warning
     *  36   7    0.194444 0.065962 0.260407 kept                    0.196804         0.248331         drift
     * </pre>
     */
    @Test
    void handComputedSequenceShowsWhenTheMinimumMovesAndTheLevelsAreCrossed() {
        Ddm ddm = new Ddm();
        for (int i = 1; i <= 30; i++) {
            assertThat(ddm.update(i <= 3 ? 1 : 0)).isEqualTo(STABLE);
        }
        assertThat(ddm.getPMin()).isInfinite();

        assertThat(ddm.update(0)).isEqualTo(STABLE);
        assertThat(ddm.getPMin()).isEqualTo(3.0 / 31);
        assertThat(ddm.getSMin()).isCloseTo(0.053100, within(1e-6));

        assertThat(ddm.update(0)).isEqualTo(STABLE);
        assertThat(ddm.getPMin()).isEqualTo(3.0 / 32);
        assertThat(ddm.getSMin()).isCloseTo(0.051527, within(1e-6));

        assertThat(ddm.update(1)).isEqualTo(STABLE);
        assertThat(ddm.update(1)).isEqualTo(WARNING);
        assertThat(ddm.update(1)).isEqualTo(WARNING);
        assertThat(ddm.getPMin()).as("the minimum stays where p + s was lowest").isEqualTo(3.0 / 32);
        assertThat(ddm.update(1)).isEqualTo(DRIFT);
        assertThat(ddm.getState()).isEqualTo(DRIFT);
    }

    @Test
    void theOutcomeAfterADriftStartsAFreshDetector() {
        Ddm ddm = new Ddm();
        int[] outcomes = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
        for (int outcome : outcomes) {
            ddm.update(outcome);
        }
        assertThat(ddm.getState()).isEqualTo(DRIFT);

        assertThat(ddm.update(1)).isEqualTo(STABLE);
        assertThat(ddm.getCount()).isEqualTo(1);
        assertThat(ddm.getErrors()).isEqualTo(1);
        assertThat(ddm.getPMin()).isInfinite();
        // a fresh warm-up: even 29 more errors are no signal of the same change
        for (int i = 2; i <= Ddm.WARM_UP; i++) {
            assertThat(ddm.update(1)).isEqualTo(STABLE);
        }
    }

    @Test
    void nothingIsSignalledDuringTheWarmUpEvenForThirtyErrors() {
        Ddm ddm = new Ddm();
        for (int i = 0; i < Ddm.WARM_UP; i++) {
            assertThat(ddm.update(1)).isEqualTo(STABLE);
        }
    }

    @Test
    void aPerfectModelStaysStableAndItsFirstErrorIsNoDrift() {
        Ddm ddm = new Ddm();
        for (int i = 0; i < 1000; i++) {
            assertThat(ddm.update(0)).isEqualTo(STABLE);
        }
        assertThat(ddm.update(1)).isEqualTo(STABLE);
    }

    /**
     * Error rate 0.1 for 1000 outcomes, then 0.3. DDM compares the error rate since its start, so after
     * n0 = 1000 outcomes it needs k more with (100 + 0.3 k) / (1000 + k) ≥ p_min + 3 s_min ≈ 0.1 + 3 sqrt(0.09 / 1000)
     * = 0.128, i.e. k ≈ 170 on average. Sampling noise spreads this: in 200 simulated runs the median was 94
     * and the slowest 702, so the bound is 750.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aStepFromTenToThirtyPercentErrorsIsDetectedWithinSevenHundredFiftyOutcomes(long seed) {
        int drift = new ErrorStream(seed).firstDriftAtOrAfterChange(new Ddm(), 1000, 0.1, 5000, 0.3);

        assertThat(drift).isBetween(1000, 1750);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aWarningPrecedesTheDrift(long seed) {
        ErrorStream stream = new ErrorStream(seed);
        Ddm ddm = new Ddm();
        for (int i = 0; i < 1000; i++) {
            ddm.update(stream.next(0.1));
        }
        DetectorState previous = ddm.getState();
        DetectorState current = ddm.update(stream.next(0.3));
        for (int i = 0; i < 5000 && current != DRIFT; i++) {
            previous = current;
            current = ddm.update(stream.next(0.3));
        }

        assertThat(current).isEqualTo(DRIFT);
        assertThat(previous).isEqualTo(WARNING);
    }

    @Test
    void onlyZeroAndOneAreOutcomes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Ddm().update(2));
    }

    @Test
    void isSerializedAsPojoWithoutKryo() {
        assertSerializedAsPojoWithoutKryo(Ddm.class);
    }
}
