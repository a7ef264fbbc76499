package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static io.refinery.experiments.stats.TwoProportionZTestTest.assertDegenerate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from python3 with scipy 1.17.1 / numpy 2.4.6, for control (m1, s1, n1), treatment (m2, s2, n2):
 * <pre>
 *   r = scipy.stats.ttest_ind_from_stats(m2, s2, n2, m1, s1, n1, equal_var=False)   # r.pvalue
 *   v1, v2 = s1**2/n1, s2**2/n2;  df = (v1+v2)**2/(v1**2/(n1-1)+v2**2/(n2-1))
 *   lift = m2/m1-1;  var = v2/m1**2 + m2**2*v1/m1**4
 *   ci = lift ∓ scipy.stats.t.ppf(0.975, df)*np.sqrt(var)
 * </pre>
 */
class WelchTTestTest {

    private static final WelchTTest TEST = new WelchTTest(0.05);

    @Test
    void matchesGbstatsPublishedTwoSidedExample() {
        // GrowthBook gbstats, packages/stats/tests/frequentist/test_tests.py at 59f39a7 (TestTwoSidedTTest):
        // control 0.41 ± 3.9 (n 3407), treatment 0.70 ± 6.2 (n 3461) → expected 0.70732, ci [-0.03526, 1.44989]
        // (rounded to 5 decimals; tolerance 5e-6). scipy: ci = [-0.03526008906611777, 1.449894235407581],
        // ttest_ind_from_stats(...).pvalue = 0.02015840264358697 (gbstats' 0.06191 is a test of the relative lift,
        // ours tests the difference in means as the contract asks); tolerance 1e-10
        ComparisonResult result = TEST.compare(new SummaryStatistic(3407, 0.41, 3.9),
                new SummaryStatistic(3461, 0.70, 6.2));

        assertThat(result.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.relativeLift()).isCloseTo(0.70732, within(5e-6));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.03526, within(5e-6));
        assertThat(result.confidenceInterval().upper()).isCloseTo(1.44989, within(5e-6));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.03526008906611777, within(1e-10));
        assertThat(result.confidenceInterval().upper()).isCloseTo(1.449894235407581, within(1e-10));
        assertThat(result.pValue()).isCloseTo(0.02015840264358697, within(1e-10));
        assertThat(result.significant()).isTrue();
        assertThat(result.absoluteDifference()).isCloseTo(0.29, within(1e-12));
    }

    @Test
    void smallSamplesWithUnequalVariances() {
        // (10.0, 2.0, 25) vs (11.5, 4.0, 30): pvalue = 0.07845676290788042, df = 44.20293122886133
        // ci = [-0.023922856859838748, 0.32392285685983857]; tolerance 1e-10
        ComparisonResult result = TEST.compare(new SummaryStatistic(25, 10.0, 2.0),
                new SummaryStatistic(30, 11.5, 4.0));

        assertThat(result.pValue()).isCloseTo(0.07845676290788042, within(1e-10));
        assertThat(result.significant()).isFalse();
        assertThat(result.relativeLift()).isCloseTo(0.15, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.023922856859838748, within(1e-10));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.32392285685983857, within(1e-10));
    }

    @Test
    void twoUnitsPerArmIsEnough() {
        // (5.0, 1.0, 2) vs (5.0, 3.0, 2): pvalue = 1.0, df = 1.2195121951219512
        // ci = [-3.7539192785780653, 3.7539192785780653]; tolerance 1e-8 (t quantile at fractional df < 2)
        ComparisonResult result = TEST.compare(new SummaryStatistic(2, 5.0, 1.0), new SummaryStatistic(2, 5.0, 3.0));

        assertThat(result.pValue()).isCloseTo(1.0, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-3.7539192785780653, within(1e-8));
        assertThat(result.confidenceInterval().upper()).isCloseTo(3.7539192785780653, within(1e-8));
    }

    @Test
    void oneConstantArmLeavesTheOtherArmsDegreesOfFreedom() {
        // (3.0, 0.0, 10) vs (3.4, 1.0, 12): pvalue = 0.19330705325122444, df = 11.0
        // ci = [-0.07845656244354657, 0.3451232291102132]; tolerance 1e-10
        ComparisonResult result = TEST.compare(new SummaryStatistic(10, 3.0, 0.0), new SummaryStatistic(12, 3.4, 1.0));

        assertThat(result.pValue()).isCloseTo(0.19330705325122444, within(1e-10));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.07845656244354657, within(1e-10));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.3451232291102132, within(1e-10));
    }

    @Test
    void sumsAndSummariesOfTheSameDataAgree() {
        SampleMeanStatistic control = SampleMeanStatistic.of(3.1, 4.7, 2.2, 5.9, 4.4);
        SampleMeanStatistic treatment = SampleMeanStatistic.of(6.0, 1.5, 2.5, 7.2, 5.1, 4.4);
        ComparisonResult fromSums = TEST.compare(control, treatment);
        ComparisonResult fromSummaries = TEST.compare(
                new SummaryStatistic(5, control.mean(), Math.sqrt(control.variance())),
                new SummaryStatistic(6, treatment.mean(), Math.sqrt(treatment.variance())));

        assertThat(fromSums.pValue()).isCloseTo(fromSummaries.pValue(), within(1e-12));
        assertThat(fromSums.confidenceInterval().upper())
                .isCloseTo(fromSummaries.confidenceInterval().upper(), within(1e-12));
    }

    @Test
    void zeroControlMeanLeavesRelativeLiftUndefined() {
        ComparisonResult result = TEST.compare(new SummaryStatistic(100, 0.0, 1.0),
                new SummaryStatistic(100, 0.5, 1.0));

        assertThat(result.status()).isEqualTo(AnalysisStatus.ZERO_CONTROL_MEAN);
        assertThat(result.pValue()).isNotNull();
        assertThat(result.absoluteDifference()).isEqualTo(0.5);
        assertThat(result.relativeLift()).isNull();
        assertThat(result.confidenceInterval()).isNull();
    }

    @Test
    void degenerateDataGivesStatusAndNullStatistics() {
        assertDegenerate(TEST.compare(SampleMeanStatistic.EMPTY, SampleMeanStatistic.of(1, 2)),
                AnalysisStatus.NO_UNITS);
        assertDegenerate(TEST.compare(SampleMeanStatistic.of(1), SampleMeanStatistic.of(1, 2)),
                AnalysisStatus.NOT_ENOUGH_UNITS);
        assertDegenerate(TEST.compare(SampleMeanStatistic.of(2, 2, 2), SampleMeanStatistic.of(3, 3)),
                AnalysisStatus.ZERO_VARIANCE);
        assertDegenerate(TEST.compare(new SummaryStatistic(10, 1, 0), new SummaryStatistic(10, 1, 0)),
                AnalysisStatus.ZERO_VARIANCE);
    }

    @Test
    void invalidInputsNameTheirField() {
        assertInvalid(() -> new WelchTTest(-0.1), "alpha");
        assertInvalid(() -> TEST.compare(new SummaryStatistic(10, 1, -1), new SummaryStatistic(10, 1, 1)),
                "control.stdDev");
        assertInvalid(() -> TEST.compare(new SummaryStatistic(10, 1, 1), new SampleMeanStatistic(-1, 0, 0)),
                "treatment.units");
    }
}
