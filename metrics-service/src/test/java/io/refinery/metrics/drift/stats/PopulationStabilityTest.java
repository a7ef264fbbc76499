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
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * PSI has no scipy function; the reference values come from numpy 2.4.6 following the definition in
 * {@link PopulationStability}, with {@code r}, {@code c} the reference and current samples:
 *
 * <pre>
 * def psi(r, c):
 *     r = np.asarray(r, float); c = np.asarray(c, float)
 *     e = np.unique(np.quantile(r, np.arange(1, 10) / 10))
 *     share = lambda x: np.bincount(np.searchsorted(e, x, side='right'), minlength=len(e) + 1) / len(x)
 *     pr = np.where(share(r) == 0, 1e-4, share(r)); pc = np.where(share(c) == 0, 1e-4, share(c))
 *     return np.sum((pc - pr) * np.log(pc / pr))
 * </pre>
 *
 * Tolerance 1e-12 relative.
 */
class PopulationStabilityTest {

    private static final double PERCENT = 1e-10;

    @Test
    void shiftedSmallSamples() {
        // psi(A, B) = 4.345996034201998: B puts 7 of 12 values above the reference's 9th decile
        assertThat(PopulationStability.index(sorted(A), sorted(B)))
                .isCloseTo(4.345996034201998, withinPercentage(PERCENT));
    }

    @Test
    void seededNormalSamples() {
        // psi(N120, N150S) = 0.35782833595270325
        assertThat(PopulationStability.index(sorted(N120), sorted(N150S)))
                .isCloseTo(0.35782833595270325, withinPercentage(PERCENT));
    }

    @Test
    void disjointSupports() {
        // psi(D1, D2) = 7.36523193659713: every current value lands in the top bin
        assertThat(PopulationStability.index(sorted(D1), sorted(D2)))
                .isCloseTo(7.36523193659713, withinPercentage(PERCENT));
    }

    @Test
    void identicalSamplesGiveZero() {
        // psi(A, A) = 0.0, psi([2, 2, 2, 2], [2, 2, 2, 2]) = 0.0
        assertThat(PopulationStability.index(sorted(A), sorted(A))).isZero();
        assertThat(PopulationStability.index(sorted(2, 2, 2, 2), sorted(2, 2, 2, 2))).isZero();
    }

    @Test
    void tiedDecilesAreMergedIntoOneEdge() {
        // np.unique(np.quantile(T1, np.arange(1, 10) / 10)): 3.0 appears twice among the deciles and once here
        assertThat(PopulationStability.binEdges(sorted(T1)))
                .containsExactly(1.9, 2.0, 2.6999999999999997, 3.0, 3.3999999999999995, 4.0, 4.2, 5.1);
        // np.bincount(np.searchsorted(e, T1, side='right'), minlength=9) / 10: values on an edge go to the bin above
        assertThat(PopulationStability.binShares(sorted(T1), PopulationStability.binEdges(sorted(T1))))
                .containsExactly(new double[] {0.1, 0.0001, 0.2, 0.0001, 0.3, 0.0001, 0.2, 0.1, 0.1}, within(1e-15));
        // psi(T1, T2) = 1.1990543699304979
        assertThat(PopulationStability.index(sorted(T1), sorted(T2)))
                .isCloseTo(1.1990543699304979, withinPercentage(PERCENT));
    }

    @Test
    void constantOrSingleValueReferenceHasOneEdgeAndTwoBins() {
        // psi([4.2], [4.2, 5, 3]) = 2.8382532243304146; psi([2, 2, 2, 2], [2, 2, 3, 1]) = 2.0271496162259326
        assertThat(PopulationStability.binEdges(sorted(4.2))).containsExactly(4.2);
        assertThat(PopulationStability.index(sorted(4.2), sorted(4.2, 5, 3)))
                .isCloseTo(2.8382532243304146, withinPercentage(PERCENT));
        assertThat(PopulationStability.index(sorted(2, 2, 2, 2), sorted(2, 2, 3, 1)))
                .isCloseTo(2.0271496162259326, withinPercentage(PERCENT));
    }

    @Test
    void bandsFollowTheConventionalCuts() {
        assertThat(PsiBand.of(0.0)).isEqualTo(PsiBand.STABLE);
        assertThat(PsiBand.of(0.0999)).isEqualTo(PsiBand.STABLE);
        assertThat(PsiBand.of(0.1)).isEqualTo(PsiBand.MODERATE);
        assertThat(PsiBand.of(0.25)).isEqualTo(PsiBand.MODERATE);
        assertThat(PsiBand.of(0.2501)).isEqualTo(PsiBand.MAJOR);
        assertThat(PsiBand.of(0.35782833595270325)).isEqualTo(PsiBand.MAJOR);
    }
}
