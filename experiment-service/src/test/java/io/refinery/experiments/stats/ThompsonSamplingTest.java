package io.refinery.experiments.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values: scipy 1.10.1, {@code scipy.integrate.quad} of f_i(x) Π_{j≠i} F_j(x) (or 1 − F_j) with
 * {@code scipy.stats.beta(1 + x, 1 + n − x)} / {@code scipy.stats.norm(mean, sqrt(var))}, epsabs 1e-13, epsrel 1e-12;
 * the two-arm binomial case also by Evan Miller's closed form for P(B &gt; A) (sum of Beta functions,
 * https://www.evanmiller.org/bayesian-ab-testing.html): 0.9231834389724246.
 */
class ThompsonSamplingTest {

    private static final double TOLERANCE = 1e-7;

    @Test
    void twoBinomialArmsMatchScipyAndMillersClosedForm() {
        double[] p = ThompsonSampling.probabilityBestBinomial(new long[] { 1000, 1000 }, new long[] { 100, 120 }, true);
        assertThat(p[0]).isCloseTo(0.07681656102644031, within(TOLERANCE));
        assertThat(p[1]).isCloseTo(0.9231834389735569, within(TOLERANCE));
        assertThat(p[1]).isCloseTo(0.9231834389724246, within(TOLERANCE));
        double[] big = ThompsonSampling.probabilityBestBinomial(new long[] { 100_000, 100_000 },
                new long[] { 5_000, 5_100 }, true);
        assertThat(big[0]).isCloseTo(0.1536017388180792, within(TOLERANCE));
        assertThat(big[1]).isCloseTo(0.8463982611819074, within(TOLERANCE));
    }

    @Test
    void threeBinomialArmsInEitherDirectionMatchScipy() {
        long[] units = { 500, 520, 480 };
        long[] conversions = { 50, 65, 40 };
        double[] up = ThompsonSampling.probabilityBestBinomial(units, conversions, true);
        assertThat(up).containsExactly(new double[] { 0.1020806110884852, 0.8867592645969474, 0.011160124314566136 },
                within(TOLERANCE));
        double[] down = ThompsonSampling.probabilityBestBinomial(units, conversions, false);
        assertThat(down).containsExactly(new double[] { 0.18257120729655302, 0.00729844709512039, 0.8101303456083268 },
                within(TOLERANCE));
    }

    @Test
    void normalArmsMatchScipy() {
        double[] means = { 10.0, 10.4, 9.8 };
        double[] variances = { 0.04, 0.05, 0.03 };
        assertThat(ThompsonSampling.probabilityBestNormal(means, variances, true)).containsExactly(
                new double[] { 0.08846714209526657, 0.9013385679932076, 0.010194289911522882 }, within(TOLERANCE));
        assertThat(ThompsonSampling.probabilityBestNormal(means, variances, false)).containsExactly(
                new double[] { 0.2221018213538455, 0.009497214481422716, 0.7684009641647342 }, within(TOLERANCE));
    }

    @Test
    void theFloorKeepsEveryArmAliveAndTheWeightsSumToOne() {
        double[] w = ThompsonSampling.withFloor(new double[] { 0.98, 0.02, 0.0 }, 0.05);
        assertThat(w).containsExactly(new double[] { 0.05 + 0.85 * 0.98, 0.05 + 0.85 * 0.02, 0.05 }, within(1e-15));
        assertThat(w[0] + w[1] + w[2]).isCloseTo(1.0, within(1e-15));
        assertThatThrownBy(() -> ThompsonSampling.withFloor(new double[] { 0.5, 0.5, 0 }, 0.4))
                .isInstanceOf(InvalidStatisticsInputException.class);
        assertThatThrownBy(() -> ThompsonSampling.probabilityBestBinomial(new long[] { 10, 10 }, new long[] { 11, 1 }, true))
                .isInstanceOf(InvalidStatisticsInputException.class);
    }

    @Test
    void armsWithoutDataShareEqually() {
        double[] p = ThompsonSampling.probabilityBestBinomial(new long[] { 0, 0, 0 }, new long[] { 0, 0, 0 }, true);
        assertThat(p).containsExactly(new double[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, within(1e-9));
    }
}
