package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Reference values from statsmodels 0.13.5: {@code r = combine_effects(effects, variances, method_re="chi2")};
 * {@code r.q}, {@code r.test_homogeneity().pvalue}, {@code r.i2}, {@code r.mean_effect_fe}. statsmodels leaves I²
 * negative when Q &lt; K − 1 (−199 below); Higgins and Thompson truncate it at 0, as we do.
 */
class HeterogeneityTest {

    @Test
    void threeSegmentsThatAgreeWithinTheirErrors() {
        // [0.01, 0.03, -0.005], [0.0001, 0.00015, 0.0002]: q 3.634615384615385, p 0.16246256186032795,
        // i2 0.44973544973544977, mean 0.012692307692307694
        Heterogeneity.Result r = Heterogeneity.test(List.of(0.01, 0.03, -0.005), List.of(0.0001, 0.00015, 0.0002));
        assertThat(r.q()).isCloseTo(3.634615384615385, within(1e-12));
        assertThat(r.degreesOfFreedom()).isEqualTo(2);
        assertThat(r.pValue()).isCloseTo(0.16246256186032795, within(1e-12));
        assertThat(r.iSquared()).isCloseTo(0.44973544973544977, within(1e-12));
        assertThat(r.pooledEffect()).isCloseTo(0.012692307692307694, within(1e-15));
    }

    @Test
    void fourSegmentsThatDoNot() {
        // [0.05, -0.01, 0.002, 0.04], [0.0002, 0.0001, 0.00015, 0.0003]: q 15.339555555555558,
        // p 0.0015483088607824967, i2 0.8044271889667961
        Heterogeneity.Result r = Heterogeneity.test(List.of(0.05, -0.01, 0.002, 0.04),
                List.of(0.0002, 0.0001, 0.00015, 0.0003));
        assertThat(r.q()).isCloseTo(15.339555555555558, within(1e-11));
        assertThat(r.pValue()).isCloseTo(0.0015483088607824967, within(1e-14));
        assertThat(r.iSquared()).isCloseTo(0.8044271889667961, within(1e-12));
    }

    @Test
    void iSquaredIsTruncatedAtZeroAndOneSegmentHasNothingToTest() {
        // [0.02, 0.021], [0.0001, 0.0001]: q 0.005000000000000782, p 0.9436280222029789, statsmodels i2 -199
        Heterogeneity.Result r = Heterogeneity.test(List.of(0.02, 0.021), List.of(0.0001, 0.0001));
        assertThat(r.pValue()).isCloseTo(0.9436280222029789, within(1e-12));
        assertThat(r.iSquared()).isZero();
        assertThat(Heterogeneity.test(List.of(0.02), List.of(0.0001)).pValue()).isNull();
        assertInvalid(() -> Heterogeneity.test(List.of(0.02, 0.01), List.of(0.0001, 0.0)), "variances[1]");
    }
}
