package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static io.refinery.experiments.stats.TwoProportionZTestTest.assertDegenerate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Ratio metrics with the delta method. Reference values from R 4.2.2 (Debian's r-base-core), where the gradient of
 * mean(N)/mean(D) is R's own symbolic derivative, not ours:
 * <pre>
 *   g &lt;- deriv(~ a / b, c("a", "b"), function.arg = TRUE)
 *   V &lt;- cov(cbind(N, D)) / n;  grad &lt;- attr(g(mean(N), mean(D)), "gradient")
 *   r &lt;- sum(N) / sum(D);  v &lt;- grad %*% V %*% t(grad)                          # Var(R̂) per arm
 *   df &lt;- (vc + vt)^2 / (vc^2 / (nc - 1) + vt^2 / (nt - 1));  p &lt;- 2 * pt(-abs((rt - rc) / sqrt(vc + vt)), df)
 *   lift &lt;- rt / rc - 1;  ci &lt;- lift -/+ qt(0.975, df) * sqrt(vt / rc^2 + rt^2 * vc / rc^4)
 *   chance &lt;- pnorm((rt - rc) / sqrt(vc + vt))
 * </pre>
 * The p-values agree with scipy 1.10.1's {@code ttest_ind_from_stats(rt, sqrt(vt*nt), nt, rc, sqrt(vc*nc), nc,
 * equal_var=False)} to 1e-15 (0.12724855320586814 and 0.3164277806340082).
 */
class RatioStatisticTest {

    /** Items bought (N) over orders placed (D), per user; one control user placed no order. */
    private static final RatioStatistic CONTROL = RatioStatistic.of(new double[] { 3, 0, 5, 2, 7, 1, 0, 4, 6, 2 },
            new double[] { 1, 1, 2, 1, 3, 1, 0, 2, 2, 1 });
    private static final RatioStatistic TREATMENT = RatioStatistic.of(new double[] { 4, 2, 6, 3, 9, 0, 5, 4, 8, 3 },
            new double[] { 1, 1, 2, 1, 3, 1, 2, 2, 2, 1 });

    @Test
    void sumsAndTheDeltaMethodVarianceMatchR() {
        // R: sums c 10 30 144 14 26 59, sums t 10 44 260 16 30 85
        assertThat(CONTROL).isEqualTo(new RatioStatistic(10, 30, 144, 14, 26, 59));
        assertThat(TREATMENT).isEqualTo(new RatioStatistic(10, 44, 260, 16, 30, 85));
        // R: ratio c 2.1428571428571428 var c 0.059697348327085925 ratio t 2.75 var t 0.084092881944444489
        assertThat(CONTROL.mean()).isCloseTo(2.1428571428571428, within(1e-15));
        assertThat(CONTROL.varianceOfMean()).isCloseTo(0.059697348327085925, within(1e-15));
        assertThat(TREATMENT.mean()).isEqualTo(2.75);
        assertThat(TREATMENT.varianceOfMean()).isCloseTo(0.084092881944444489, within(1e-15));
    }

    @Test
    void welchOnTheRatioMatchesR() {
        // R: p 0.12724855320586823 df 17.496371974831554 lift 0.28333333333333344
        //    ci -0.13627028510198685 0.70293695176865367
        ComparisonResult r = ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                InferenceMethod.FREQUENTIST, CONTROL, TREATMENT));

        assertThat(r.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(r.pValue()).isCloseTo(0.12724855320586823, within(1e-12));
        assertThat(r.significant()).isFalse();
        assertThat(r.relativeLift()).isCloseTo(0.28333333333333344, within(1e-14));
        assertThat(r.absoluteDifference()).isCloseTo(2.75 - 30.0 / 14, within(1e-14));
        assertThat(r.confidenceInterval().lower()).isCloseTo(-0.13627028510198685, within(1e-10));
        assertThat(r.confidenceInterval().upper()).isCloseTo(0.70293695176865367, within(1e-10));
    }

    @Test
    void revenuePerSessionOverFiveThousandUsersPerArmMatchesR() {
        // 5,000 users per arm, sessions 1 + Poisson(2.0 / 2.1), revenue a sum of Gamma(2, 5 / 5.3) per session for
        // 30 % of users, rounded to cents (numpy default_rng(20261207)); R read the same CSV:
        // sums c 5000 43961.17 1838773.8353 14915 53907 159111.83
        // sums t 5000 47155.05 2153975.6791 15402 57822 175713.85
        // ratio c 2.947446865571572 var c 0.0061558548171533091 ratio t 3.0616186209583174 var t 0.0068305632627725628
        // p 0.31642778063400834 df 9971.0849031690068 lift 0.0387358146198864
        // ci -0.038457532323854821 0.11592916156362762; chance 0.84179826574021621
        RatioStatistic control = new RatioStatistic(5000, 43961.17, 1838773.8353, 14915, 53907, 159111.83);
        RatioStatistic treatment = new RatioStatistic(5000, 47155.05, 2153975.6791, 15402, 57822, 175713.85);
        assertThat(control.varianceOfMean()).isCloseTo(0.0061558548171533091, within(1e-14));
        assertThat(treatment.varianceOfMean()).isCloseTo(0.0068305632627725628, within(1e-14));

        ComparisonResult r = ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                InferenceMethod.FREQUENTIST, control, treatment));
        assertThat(r.pValue()).isCloseTo(0.31642778063400834, within(1e-10));
        assertThat(r.relativeLift()).isCloseTo(0.0387358146198864, within(1e-13));
        assertThat(r.confidenceInterval().lower()).isCloseTo(-0.038457532323854821, within(1e-9));
        assertThat(r.confidenceInterval().upper()).isCloseTo(0.11592916156362762, within(1e-9));

        ComparisonResult bayes = ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                InferenceMethod.BAYESIAN, control, treatment));
        assertThat(bayes.chanceToBeatControl()).isCloseTo(0.84179826574021621, within(1e-12));
        assertThat(bayes.pValue()).isNull();
    }

    @Test
    void theRatioIsOfSumsNotAMeanOfPerUnitRatios() {
        // Two users: 10 items in 1 order, and 0 items in 9 orders: 10 / 10 = 1, where the mean of ratios is 5.
        assertThat(RatioStatistic.of(new double[] { 10, 0 }, new double[] { 1, 9 }).mean()).isEqualTo(1.0);
    }

    @Test
    void aConstantRatioHasNoVariance() {
        // Every user bought exactly 2 items per order: the delta method's numerator is 0.
        RatioStatistic arm = RatioStatistic.of(new double[] { 2, 4, 6 }, new double[] { 1, 2, 3 });
        assertThat(arm.variance()).isEqualTo(0.0);
        assertDegenerate(ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                InferenceMethod.FREQUENTIST, arm, arm)), AnalysisStatus.ZERO_VARIANCE);
    }

    @Test
    void anArmWhoseDenominatorSumsToZeroCannotBeCompared() {
        RatioStatistic noOrders = RatioStatistic.of(new double[] { 0, 0, 0 }, new double[] { 0, 0, 0 });
        assertThat(noOrders.hasDenominator()).isFalse();
        assertThat(noOrders.mean()).isZero();
        assertDegenerate(ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                InferenceMethod.FREQUENTIST, CONTROL, noOrders)), AnalysisStatus.NO_DENOMINATOR);
        assertDegenerate(ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                InferenceMethod.BAYESIAN, noOrders, TREATMENT)), AnalysisStatus.NO_DENOMINATOR);
    }

    @Test
    void poolsByAddingTheSums() {
        RatioStatistic first = RatioStatistic.of(new double[] { 3, 0, 5 }, new double[] { 1, 1, 2 });
        RatioStatistic rest = RatioStatistic.of(new double[] { 2, 7, 1, 0, 4, 6, 2 }, new double[] { 1, 3, 1, 0, 2, 2, 1 });
        assertThat(first.plus(rest)).isEqualTo(CONTROL);
        assertThat(RatioStatistic.EMPTY.plus(CONTROL)).isEqualTo(CONTROL);
    }

    @Test
    void inconsistentSumsAreRejectedNamingTheField() {
        assertInvalid(() -> new RatioStatistic(-1, 0, 0, 0, 0, 0).validate("control"), "control.units");
        assertInvalid(() -> new RatioStatistic(2, 10, 1, 2, 2, 10).validate("control"), "control.numeratorSumOfSquares");
        assertInvalid(() -> new RatioStatistic(2, 2, 2, 10, 1, 10).validate("treatment"),
                "treatment.denominatorSumOfSquares");
        assertInvalid(() -> new RatioStatistic(2, Double.NaN, 1, 2, 2, 1).validate("control"), "control.numeratorSum");
        // N = (1, 3), D = (1, 3): ΣND = 10 at most; 50 is no pair of values.
        assertInvalid(() -> new RatioStatistic(2, 4, 10, 4, 10, 50).validate("control"), "control.sumOfProducts");
        assertInvalid(() -> new ComparisonRequest(MetricType.RATIO, InferenceMethod.FREQUENTIST,
                new SummaryStatistic(10, 1, 1), TREATMENT), "control");
        assertInvalid(() -> new ComparisonRequest(MetricType.CONTINUOUS, InferenceMethod.FREQUENTIST, CONTROL,
                TREATMENT), "control");
    }
}
