package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.TwoProportionZTestTest.assertDegenerate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from python3 with scipy 1.17.1 / numpy 2.4.6, for control (n1, m1, s1), treatment (n2, m2, s2):
 * <pre>
 *   v = s1**2/n1 + s2**2/n2;  d = m2 - m1;  sd = np.sqrt(v)
 *   chance = scipy.stats.norm.cdf(d/sd)
 *   loss = scipy.integrate.quad(lambda x: max(-x, 0)*norm.pdf(x, d, sd), -np.inf, 0, epsabs=1e-15, epsrel=1e-13)[0]
 *   lift = m2/m1-1;  ci = lift ∓ norm.ppf(0.975)*np.sqrt((s2**2/n2)/m1**2 + m2**2*(s1**2/n1)/m1**4)
 * </pre>
 */
class NormalBayesianTestTest {

    private static final NormalBayesianTest TEST = new NormalBayesianTest(0.05);

    @Test
    void treatmentProbablyBetter() {
        // (25, 10.0, 2.0) vs (30, 11.5, 4.0): chance = 0.9641833581171356, loss = 0.011843733668753971 (quad error
        // estimate 1e-15); ci = [-0.01916355175280557, 0.3191635517528054]; tolerance 1e-12
        ComparisonResult result = TEST.compare(new SummaryStatistic(25, 10.0, 2.0),
                new SummaryStatistic(30, 11.5, 4.0));

        assertThat(result.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.chanceToBeatControl()).isCloseTo(0.9641833581171356, within(1e-12));
        assertThat(result.expectedLoss()).isCloseTo(0.011843733668753971, within(1e-12));
        assertThat(result.relativeLift()).isCloseTo(0.15, within(1e-12));
        assertThat(result.absoluteDifference()).isCloseTo(1.5, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.01916355175280557, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.3191635517528054, within(1e-12));
        assertThat(result.pValue()).isNull();
        assertThat(result.significant()).isNull();
    }

    @Test
    void treatmentProbablyWorse() {
        // (1000, 5.0, 2.0) vs (1000, 4.9, 2.0): chance = 0.13177623864148724, loss = 0.10592183259719334;
        // ci = [-0.05471206331427442, 0.014712063314274604]; tolerance 1e-12
        ComparisonResult result = TEST.compare(new SummaryStatistic(1000, 5.0, 2.0),
                new SummaryStatistic(1000, 4.9, 2.0));

        assertThat(result.chanceToBeatControl()).isCloseTo(0.13177623864148724, within(1e-12));
        assertThat(result.expectedLoss()).isCloseTo(0.10592183259719334, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.05471206331427442, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.014712063314274604, within(1e-12));
    }

    @Test
    void overwhelminglyBetterTreatmentHasNoLossAndNoNaN() {
        ComparisonResult result = TEST.compare(new SummaryStatistic(1_000_000, 1.0, 0.1),
                new SummaryStatistic(1_000_000, 2.0, 0.1));

        assertThat(result.chanceToBeatControl()).isEqualTo(1.0);
        assertThat(result.expectedLoss()).isEqualTo(0.0);
    }

    @Test
    void degenerateDataGivesStatusAndNullStatistics() {
        assertDegenerate(TEST.compare(SampleMeanStatistic.of(1.0), SampleMeanStatistic.of(1, 2)),
                AnalysisStatus.NOT_ENOUGH_UNITS);
        assertDegenerate(TEST.compare(new SummaryStatistic(10, 3, 0), new SummaryStatistic(10, 4, 0)),
                AnalysisStatus.ZERO_VARIANCE);
    }
}
