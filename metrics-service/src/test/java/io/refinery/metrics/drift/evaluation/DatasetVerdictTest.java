package io.refinery.metrics.drift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetVerdictTest {

    @Test
    void driftWhenTheDriftedShareReachesTheSetting() {
        assertThat(DatasetVerdict.of(4, 2, 0.5)).isEqualTo(new DatasetVerdict(4, 2, 0.5, true));
        assertThat(DatasetVerdict.of(4, 1, 0.5)).isEqualTo(new DatasetVerdict(4, 1, 0.25, false));
    }

    @Test
    void noDriftWithoutADriftedFeatureOrWithoutComparedFeatures() {
        assertThat(DatasetVerdict.of(3, 0, 0.0)).isEqualTo(new DatasetVerdict(3, 0, 0.0, false));
        assertThat(DatasetVerdict.of(0, 0, 0.5)).isEqualTo(new DatasetVerdict(0, 0, null, false));
    }

    @Test
    void refusesMoreDriftedThanEvaluated() {
        assertThatThrownBy(() -> DatasetVerdict.of(1, 2, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
