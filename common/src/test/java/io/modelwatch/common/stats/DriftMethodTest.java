package io.modelwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DriftMethodTest {

    @Test
    void wireNamesAreTheContractNames() {
        assertThat(Arrays.stream(DriftMethod.values()).map(DriftMethod::wireName))
                .containsExactly("ks", "wasserstein", "psi", "jensen_shannon", "chi_square", "hellinger", "kl_div");
        assertThat(DriftMethod.fromWireName("jensen_shannon")).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThatThrownBy(() -> DriftMethod.fromWireName("KS")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testsDriftWhenThePValueIsBelowFivePercent() {
        assertThat(DriftMethod.KS.drifted(0.049)).isTrue();
        assertThat(DriftMethod.KS.drifted(0.05)).isFalse();
        assertThat(DriftMethod.CHI_SQUARE.drifted(0.01)).isTrue();
    }

    @Test
    void distancesDriftWhenTheScoreReachesATenth() {
        assertThat(DriftMethod.WASSERSTEIN.drifted(0.1)).isTrue();
        assertThat(DriftMethod.PSI.drifted(0.099)).isFalse();
        assertThat(DriftMethod.HELLINGER.drifted(0.3, 0.25)).isTrue();
        assertThat(DriftMethod.KL_DIV.defaultThreshold()).isEqualTo(0.1);
        assertThatThrownBy(() -> DriftMethod.PSI.drifted(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallReferencesUseTestsAndLargeOnesDistances() {
        assertThat(DriftMethod.defaultFor(1000, true, 6)).isEqualTo(DriftMethod.KS);
        assertThat(DriftMethod.defaultFor(1000, true, 5)).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(DriftMethod.defaultFor(1000, false, 50)).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(DriftMethod.defaultFor(1001, true, 6)).isEqualTo(DriftMethod.WASSERSTEIN);
        assertThat(DriftMethod.defaultFor(1001, true, 5)).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThat(DriftMethod.defaultFor(1001, false, 2)).isEqualTo(DriftMethod.JENSEN_SHANNON);
    }
}
