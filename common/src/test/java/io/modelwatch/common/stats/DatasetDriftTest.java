package io.modelwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetDriftTest {

    @Test
    void theDatasetDriftsWhenHalfOfItsFeaturesDrift() {
        assertThat(DatasetDrift.of(2, 4)).isEqualTo(new DatasetDrift(2, 4, 0.5, 0.5, true));
        assertThat(DatasetDrift.of(1, 5).drifted()).isFalse();
    }

    @Test
    void theThresholdIsConfigurable() {
        assertThat(DatasetDrift.of(1, 5, 0.2).drifted()).isTrue();
    }

    @Test
    void withoutComputableFeaturesNothingHasDrifted() {
        assertThat(DatasetDrift.of(0, 0)).isEqualTo(new DatasetDrift(0, 0, 0, 0.5, false));
    }

    @Test
    void inconsistentCountsSharesAndThresholdsAreRejected() {
        assertThatThrownBy(() -> DatasetDrift.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatasetDrift.of(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatasetDrift(1, 2, 0.5, 0.5, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
