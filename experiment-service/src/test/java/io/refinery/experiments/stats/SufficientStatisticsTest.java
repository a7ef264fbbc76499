package io.refinery.experiments.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SufficientStatisticsTest {

    private static final Offset<Double> TIGHT = within(1e-12);

    @Test
    void proportionMeanAndBernoulliVariance() {
        ProportionStatistic statistic = new ProportionStatistic(200, 50);

        assertThat(statistic.mean()).isEqualTo(0.25);
        assertThat(statistic.variance()).isCloseTo(0.1875, TIGHT); // 0.25 × 0.75
        assertThat(statistic.varianceOfMean()).isCloseTo(0.1875 / 200, TIGHT);
    }

    @Test
    void proportionsPoolBySumming() {
        ProportionStatistic pooled = new ProportionStatistic(100, 10).plus(new ProportionStatistic(300, 50));

        assertThat(pooled).isEqualTo(new ProportionStatistic(400, 60));
        assertThat(ProportionStatistic.EMPTY.plus(pooled)).isEqualTo(pooled);
    }

    @Test
    void sampleMeanPooledEqualsStatisticOfAllValues() {
        // numpy 2.4.6: y = [3.1, 4.7, 2.2, 5.9, 4.4, 6.0, 1.5, 2.5]
        // np.mean(y) = 3.7875000000000005, np.var(y, ddof=1) = 2.9212500000000006; tolerance 1e-12
        SampleMeanStatistic pooled = SampleMeanStatistic.of(3.1, 4.7, 2.2, 5.9, 4.4)
                .plus(SampleMeanStatistic.of(6.0, 1.5, 2.5));

        assertThat(pooled.units()).isEqualTo(8);
        assertThat(pooled.mean()).isCloseTo(3.7875000000000005, TIGHT);
        assertThat(pooled.variance()).isCloseTo(2.9212500000000006, TIGHT);
    }

    @Test
    void sampleMeanOfTooFewUnitsHasZeroVariance() {
        assertThat(SampleMeanStatistic.EMPTY.mean()).isZero();
        assertThat(SampleMeanStatistic.EMPTY.variance()).isZero();
        assertThat(SampleMeanStatistic.of(4.2).variance()).isZero();
        assertThat(SampleMeanStatistic.EMPTY.varianceOfMean()).isZero();
    }

    @Test
    void constantValuesHaveExactlyZeroVarianceDespiteRounding() {
        double[] values = new double[1000];
        java.util.Arrays.fill(values, 0.1); // Σy² − (Σy)²/n is rounding noise, not a variance
        assertThat(SampleMeanStatistic.of(values).variance()).isZero();
    }

    @Test
    void summaryStatisticSquaresTheStandardDeviation() {
        SummaryStatistic statistic = new SummaryStatistic(50, 10.0, 3.0);

        assertThat(statistic.variance()).isEqualTo(9.0);
        assertThat(statistic.varianceOfMean()).isCloseTo(0.18, TIGHT);
    }

    @Test
    void regressionAdjustedStatisticGivesCovarianceAndMarginals() {
        // numpy 2.4.6: x = [1.0, 2.0, 0.5, 4.0, 3.0], y = [3.1, 4.7, 2.2, 5.9, 4.4]
        // np.cov(x, y, ddof=1)[0, 1] = 1.9425000000000003, np.var(y, ddof=1) = 2.0730000000000004,
        // np.var(x, ddof=1) = 2.0500000000000003; tolerance 1e-12
        RegressionAdjustedStatistic statistic = RegressionAdjustedStatistic.of(
                new double[] {1.0, 2.0}, new double[] {3.1, 4.7})
                .plus(RegressionAdjustedStatistic.of(new double[] {0.5, 4.0, 3.0}, new double[] {2.2, 5.9, 4.4}));

        assertThat(statistic.units()).isEqualTo(5);
        assertThat(statistic.covariance()).isCloseTo(1.9425000000000003, TIGHT);
        assertThat(statistic.outcome().variance()).isCloseTo(2.0730000000000004, TIGHT);
        assertThat(statistic.covariate().variance()).isCloseTo(2.0500000000000003, TIGHT);
        assertThat(RegressionAdjustedStatistic.EMPTY.plus(statistic)).isEqualTo(statistic);
    }

    @Test
    void invalidProportionsNameTheirField() {
        assertInvalid(() -> new ProportionStatistic(-1, 0).validate("control"), "control.units");
        assertInvalid(() -> new ProportionStatistic(10, -2).validate("control"), "control.conversions");
        assertInvalid(() -> new ProportionStatistic(10, 11).validate("treatment"), "treatment.conversions");
    }

    @Test
    void invalidSampleMeansNameTheirField() {
        assertInvalid(() -> new SampleMeanStatistic(-5, 0, 0).validate("control"), "control.units");
        assertInvalid(() -> new SampleMeanStatistic(5, Double.NaN, 1).validate("control"), "control.sum");
        assertInvalid(() -> new SampleMeanStatistic(5, 1, -1).validate("control"), "control.sumOfSquares");
        // Σy² = 1 < (Σy)²/n = 100/5 = 20 is impossible for real values
        assertInvalid(() -> new SampleMeanStatistic(5, 10, 1).validate("treatment"), "treatment.sumOfSquares");
        assertInvalid(() -> new SampleMeanStatistic(0, 3, 9).validate("treatment"), "treatment.units");
        assertInvalid(() -> new SummaryStatistic(5, 1, -0.5).validate("control"), "control.stdDev");
        assertInvalid(() -> new SummaryStatistic(5, Double.POSITIVE_INFINITY, 1).validate("control"), "control.mean");
    }

    @Test
    void invalidRegressionStatisticsNameTheirField() {
        assertInvalid(() -> new RegressionAdjustedStatistic(3, 3, 5, Double.NaN, 5, 1).validate("control"),
                "control.covariateSum");
        assertInvalid(() -> new RegressionAdjustedStatistic(4, 4, 8, 8, 1, 1).validate("control"),
                "control.covariateSumOfSquares");
        assertInvalid(() -> new RegressionAdjustedStatistic(2, 2, 4, 2, 4, Double.NaN).validate("control"),
                "control.sumOfProducts");
    }

    static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidStatisticsInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
