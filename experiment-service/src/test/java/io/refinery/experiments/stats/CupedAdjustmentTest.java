package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from python3 with scipy 1.17.1 / numpy 2.4.6, adjusting the raw values unit by unit and testing
 * those, which does not share any code path with the sufficient-statistic formulas:
 * <pre>
 *   x, y = np.concatenate([xc, xt]), np.concatenate([yc, yt])
 *   theta = np.cov(x, y, ddof=1)[0, 1]/np.var(x, ddof=1)
 *   ac = yc - theta*(xc - x.mean());  at = yt - theta*(xt - x.mean())
 *   scipy.stats.ttest_ind(at, ac, equal_var=False).pvalue
 * </pre>
 */
class CupedAdjustmentTest {

    private static final double[] CONTROL_X = {3.0, 5.0, 2.0, 8.0, 6.0, 4.0, 7.0, 5.0};
    private static final double[] CONTROL_Y = {3.4, 5.1, 2.9, 8.8, 6.1, 4.4, 7.9, 5.0};
    private static final double[] TREATMENT_X = {4.0, 6.0, 3.0, 5.0, 9.0, 2.0, 7.0};
    private static final double[] TREATMENT_Y = {4.9, 6.8, 3.9, 6.1, 9.7, 2.8, 7.9};

    @Test
    void adjustedArmsMatchUnitByUnitAdjustment() {
        // theta = 1.0008474576271185; adjusted means 5.5167231638418075, 5.938030669895077;
        // adjusted variances 0.13990602043747713, 0.01587987852423354; tolerance 1e-12
        CupedAdjustment.AdjustedArms arms = CupedAdjustment.adjust(
                RegressionAdjustedStatistic.of(CONTROL_X, CONTROL_Y),
                RegressionAdjustedStatistic.of(TREATMENT_X, TREATMENT_Y));

        assertThat(arms.theta()).isCloseTo(1.0008474576271185, within(1e-12));
        assertThat(arms.control().mean()).isCloseTo(5.5167231638418075, within(1e-12));
        assertThat(arms.treatment().mean()).isCloseTo(5.938030669895077, within(1e-12));
        assertThat(arms.control().variance()).isCloseTo(0.13990602043747713, within(1e-12));
        assertThat(arms.treatment().variance()).isCloseTo(0.01587987852423354, within(1e-12));
    }

    @Test
    void cupedTurnsANoisyComparisonIntoASignificantOne() {
        // ttest_ind(at, ac, equal_var=False).pvalue = 0.015472029560578048 (unadjusted: 0.6342730790277562);
        // lift of adjusted means 0.07636915856402582, Welch delta-method ci [0.014564122195795774,
        // 0.13817419493225586]; tolerance 1e-10
        CupedResult result = ExperimentComparison.compareWithCuped(new CupedRequest(InferenceMethod.FREQUENTIST, 0.05,
                RegressionAdjustedStatistic.of(CONTROL_X, CONTROL_Y),
                RegressionAdjustedStatistic.of(TREATMENT_X, TREATMENT_Y)));

        assertThat(result.comparison().pValue()).isCloseTo(0.015472029560578048, within(1e-10));
        assertThat(result.comparison().significant()).isTrue();
        assertThat(result.comparison().relativeLift()).isCloseTo(0.07636915856402582, within(1e-12));
        assertThat(result.comparison().confidenceInterval().lower()).isCloseTo(0.014564122195795774, within(1e-10));
        assertThat(result.comparison().confidenceInterval().upper()).isCloseTo(0.13817419493225586, within(1e-10));
        ComparisonResult unadjusted = new WelchTTest(0.05).compare(SampleMeanStatistic.of(CONTROL_Y),
                SampleMeanStatistic.of(TREATMENT_Y));
        assertThat(unadjusted.pValue()).isCloseTo(0.6342730790277562, within(1e-10));
    }

    @Test
    void fiveThousandUnitsPerArmFromRunningSums() {
        // rng = np.random.default_rng(12345); n = 5000
        // xc = rng.gamma(2.0, 5.0, n); yc = 0.8*xc + rng.normal(2.0, 3.0, n)
        // xt = rng.gamma(2.0, 5.0, n); yt = 0.8*xt + rng.normal(2.3, 3.0, n); sums (n, Σy, Σy², Σx, Σx², Σxy) below.
        // theta = 0.8040604173778313; cuped p = 0.0016836584005650544 (raw p = 0.08668644954782095);
        // adjusted means 10.07686114419245, 10.263528492792911; tolerance 1e-9 (sums of 5000 rounded values)
        RegressionAdjustedStatistic control = new RegressionAdjustedStatistic(5000, 50305.27696049168,
                706520.8906241015, 49874.25820968793, 739079.4740601488, 695610.9398821054);
        RegressionAdjustedStatistic treatment = new RegressionAdjustedStatistic(5000, 51396.67122443513,
                733626.2334465635, 50070.83239432021, 750921.1763836872, 715722.9972334486);

        CupedResult result = ExperimentComparison.compareWithCuped(
                new CupedRequest(InferenceMethod.FREQUENTIST, 0.05, control, treatment));

        assertThat(result.theta()).isCloseTo(0.8040604173778313, within(1e-9));
        assertThat(result.comparison().pValue()).isCloseTo(0.0016836584005650544, within(1e-9));
        assertThat(result.comparison().absoluteDifference())
                .isCloseTo(10.263528492792911 - 10.07686114419245, within(1e-9));
        assertThat(new WelchTTest(0.05).compare(control.outcome(), treatment.outcome()).pValue())
                .isCloseTo(0.08668644954782095, within(1e-9));
    }

    @Test
    void bayesianMethodUsesTheNormalPosteriorOnAdjustedArms() {
        RegressionAdjustedStatistic control = RegressionAdjustedStatistic.of(CONTROL_X, CONTROL_Y);
        RegressionAdjustedStatistic treatment = RegressionAdjustedStatistic.of(TREATMENT_X, TREATMENT_Y);
        CupedAdjustment.AdjustedArms arms = CupedAdjustment.adjust(control, treatment);

        CupedResult result = ExperimentComparison.compareWithCuped(
                new CupedRequest(InferenceMethod.BAYESIAN, 0.05, control, treatment));

        assertThat(result.comparison()).isEqualTo(new NormalBayesianTest(0.05).compare(arms.control(),
                arms.treatment()));
        assertThat(result.comparison().chanceToBeatControl()).isGreaterThan(0.99);
    }

    @Test
    void constantCovariateMeansNoAdjustment() {
        double[] constant = {1, 1, 1, 1};
        CupedAdjustment.AdjustedArms arms = CupedAdjustment.adjust(
                RegressionAdjustedStatistic.of(constant, new double[] {1, 2, 3, 4}),
                RegressionAdjustedStatistic.of(constant, new double[] {2, 3, 4, 6}));

        assertThat(arms.theta()).isZero();
        assertThat(arms.control().mean()).isEqualTo(2.5);
        assertThat(arms.treatment().variance()).isCloseTo(SampleMeanStatistic.of(2, 3, 4, 6).variance(), within(1e-12));
    }

    @Test
    void degenerateArmsGiveStatusNotExceptions() {
        CupedResult empty = ExperimentComparison.compareWithCuped(new CupedRequest(InferenceMethod.FREQUENTIST, 0.05,
                RegressionAdjustedStatistic.EMPTY, RegressionAdjustedStatistic.EMPTY));
        CupedResult lonely = ExperimentComparison.compareWithCuped(new CupedRequest(InferenceMethod.FREQUENTIST, 0.05,
                RegressionAdjustedStatistic.of(new double[] {1}, new double[] {2}),
                RegressionAdjustedStatistic.of(new double[] {1, 2}, new double[] {2, 5})));
        // Y = 2X exactly in both arms: the adjusted metric has no variance left
        CupedResult perfect = ExperimentComparison.compareWithCuped(new CupedRequest(InferenceMethod.FREQUENTIST, 0.05,
                RegressionAdjustedStatistic.of(new double[] {1, 2, 3}, new double[] {2, 4, 6}),
                RegressionAdjustedStatistic.of(new double[] {2, 4, 5}, new double[] {4, 8, 10})));

        assertThat(empty.theta()).isNull();
        assertThat(empty.comparison().status()).isEqualTo(AnalysisStatus.NO_UNITS);
        assertThat(lonely.comparison().status()).isEqualTo(AnalysisStatus.NOT_ENOUGH_UNITS);
        assertThat(perfect.theta()).isCloseTo(2.0, within(1e-12));
        assertThat(perfect.comparison().status()).isEqualTo(AnalysisStatus.ZERO_VARIANCE);
        assertThat(perfect.comparison().pValue()).isNull();
    }

    @Test
    void invalidInputsNameTheirField() {
        RegressionAdjustedStatistic arm = RegressionAdjustedStatistic.of(CONTROL_X, CONTROL_Y);
        assertInvalid(() -> new CupedRequest(null, 0.05, arm, arm), "method");
        assertInvalid(() -> new CupedRequest(InferenceMethod.BAYESIAN, 2, arm, arm), "alpha");
        assertInvalid(() -> new CupedRequest(InferenceMethod.BAYESIAN, 0.05, arm,
                new RegressionAdjustedStatistic(3, 1, 1, 1, 1, Double.POSITIVE_INFINITY)), "treatment.sumOfProducts");
        assertInvalid(() -> CupedAdjustment.adjust(new RegressionAdjustedStatistic(-2, 0, 0, 0, 0, 0), arm),
                "control.units");
    }
}
