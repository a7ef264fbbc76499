package io.refinery.metrics.drift.stats;

import static io.refinery.metrics.drift.stats.DriftSamples.A;
import static io.refinery.metrics.drift.stats.DriftSamples.B;
import static io.refinery.metrics.drift.stats.DriftSamples.D1;
import static io.refinery.metrics.drift.stats.DriftSamples.D2;
import static io.refinery.metrics.drift.stats.DriftSamples.N120;
import static io.refinery.metrics.drift.stats.DriftSamples.N150S;
import static io.refinery.metrics.drift.stats.DriftSamples.T1;
import static io.refinery.metrics.drift.stats.DriftSamples.T2;
import static io.refinery.metrics.drift.stats.DriftSamples.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Reference values: scipy 1.17.1 and numpy 2.4.6. Distance: {@code scipy.stats.wasserstein_distance(ref, cur)};
 * statistic: {@code wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)}. Tolerance 1e-12 relative (scipy sums
 * pairwise, we sum in order with compensation).
 */
class WassersteinTest {

    private static final double PERCENT = 1e-10; // 1e-12 relative

    @Test
    void shiftedSmallSamples() {
        // wasserstein_distance(A, B) = 0.9713333333333334; / np.std(A) = 1.4438754427313523
        assertThat(Wasserstein.distance(sorted(A), sorted(B))).isCloseTo(0.9713333333333334, withinPercentage(PERCENT));
        assertThat(Wasserstein.normalizedDistance(sorted(A), sorted(B)))
                .isCloseTo(1.4438754427313523, withinPercentage(PERCENT));
    }

    @Test
    void ties() {
        // wasserstein_distance(T1, T2) = 1.3363636363636364; / np.std(T1) = 0.9425982321019449
        assertThat(Wasserstein.distance(sorted(T1), sorted(T2)))
                .isCloseTo(1.3363636363636364, withinPercentage(PERCENT));
        assertThat(Wasserstein.normalizedDistance(sorted(T1), sorted(T2)))
                .isCloseTo(0.9425982321019449, withinPercentage(PERCENT));
    }

    @Test
    void disjointSupportsMoveAllMassTheWholeGap() {
        // wasserstein_distance(D1, D2) = 9.5 (mean 12.5 - mean 3); / np.std(D1) = 6.717514421272201
        assertThat(Wasserstein.distance(sorted(D1), sorted(D2))).isCloseTo(9.5, withinPercentage(PERCENT));
        assertThat(Wasserstein.normalizedDistance(sorted(D1), sorted(D2)))
                .isCloseTo(6.717514421272201, withinPercentage(PERCENT));
    }

    @Test
    void seededNormalSamples() {
        // wasserstein_distance(N120, N150S) = 1.1324333333333334; / np.std(N120) = 0.6146654860288858
        assertThat(Wasserstein.distance(sorted(N120), sorted(N150S)))
                .isCloseTo(1.1324333333333334, withinPercentage(PERCENT));
        assertThat(Wasserstein.normalizedDistance(sorted(N120), sorted(N150S)))
                .isCloseTo(0.6146654860288858, withinPercentage(PERCENT));
    }

    @Test
    void identicalSamplesAreAtDistanceZero() {
        // wasserstein_distance(A, A) = 0.0
        assertThat(Wasserstein.normalizedDistance(sorted(A), sorted(A))).isZero();
        assertThat(Wasserstein.normalizedDistance(sorted(2, 2, 2), sorted(2, 2, 2))).isZero();
    }

    @Test
    void constantReferenceIsNormalizedByTheFloor() {
        // wasserstein_distance([2, 2, 2], [2, 2, 2.5]) = 0.16666666666666669; / max(np.std([2, 2, 2]), 0.001)
        // = 166.66666666666669
        assertThat(Wasserstein.normalizedDistance(sorted(2, 2, 2), sorted(2, 2, 2.5)))
                .isCloseTo(166.66666666666669, withinPercentage(PERCENT));
    }

    @Test
    void referenceSpreadBelowTheFloorIsNormalizedByTheFloor() {
        // np.std([1.0, 1.0002]) = 9.999999999998899e-05 < 0.001; wasserstein_distance([1.0, 1.0002], [1.0, 1.0003])
        // / 0.001 = 0.04999999999999449
        assertThat(Wasserstein.normalizedDistance(sorted(1.0, 1.0002), sorted(1.0, 1.0003)))
                .isCloseTo(0.04999999999999449, withinPercentage(1e-8));
    }

    @Test
    void isSymmetricInDistance() {
        assertThat(Wasserstein.distance(sorted(B), sorted(A)))
                .isCloseTo(Wasserstein.distance(sorted(A), sorted(B)), withinPercentage(PERCENT));
    }
}
