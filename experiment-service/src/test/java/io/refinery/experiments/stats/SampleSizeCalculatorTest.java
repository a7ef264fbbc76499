package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from python3 with scipy 1.17.1, z = norm.ppf(1-alpha/2) + norm.ppf(power):
 * <pre>
 *   binomial:   p2 = p1*(1+mde);  math.ceil(z**2*(p1*(1-p1)+p2*(1-p2))/(p2-p1)**2)
 *   continuous: d = m*mde;        math.ceil(2*s**2*z**2/d**2)
 * </pre>
 * Exact (integers after ceil).
 */
class SampleSizeCalculatorTest {

    @Test
    void binomialTenPercentBaselineTenPercentLift() {
        // p1 = 0.10, mde = 0.10, alpha 0.05, power 0.8: n = 14748.045020841912 → 14749
        assertThat(units(new SampleSizeRequest.Binomial(0.10, 0.10, 0.05, 0.8))).isEqualTo(14_749);
    }

    @Test
    void binomialDecreaseAtStricterLevels() {
        // p1 = 0.05, mde = -0.2, alpha 0.01, power 0.9: n = 12781.3935783845 → 12782
        assertThat(units(new SampleSizeRequest.Binomial(0.05, -0.2, 0.01, 0.9))).isEqualTo(12_782);
    }

    @Test
    void binomialSmallEffectOnAHalfRate() {
        // p1 = 0.5, mde = 0.01, alpha 0.05, power 0.8: n = 156969.74580724715 → 156970
        assertThat(units(new SampleSizeRequest.Binomial(0.5, 0.01, 0.05, 0.8))).isEqualTo(156_970);
    }

    @Test
    void continuousTextbookHalfStandardDeviation() {
        // μ = 2, σ = 1, mde = 0.25 (δ = 0.5 = σ/2), alpha 0.05, power 0.8: n = 62.79103787479271 → 63, the classic
        // normal-approximation answer for an effect of half a standard deviation
        assertThat(units(new SampleSizeRequest.Continuous(2, 1, 0.25, 0.05, 0.8))).isEqualTo(63);
    }

    @Test
    void continuousRevenueLikeMetrics() {
        // μ = 10, σ = 20, mde = 0.05: n = 25116.415149917084 → 25117
        // μ = 100, σ = 30, mde = -0.02, alpha 0.1, power 0.95: n = 4869.978217371743 → 4870
        assertThat(units(new SampleSizeRequest.Continuous(10, 20, 0.05, 0.05, 0.8))).isEqualTo(25_117);
        assertThat(units(new SampleSizeRequest.Continuous(100, 30, -0.02, 0.1, 0.95))).isEqualTo(4_870);
    }

    @Test
    void durationCoversAllVariantsAtTheEnrolledTraffic() {
        // 14749 × 2 / (5000 × 0.5) = 11.7992 → 12 days; 14749 × 3 / 2500 = 17.6988 → 18 days; exact fit 10 days
        assertThat(ExperimentDuration.requiredDays(14_749, 2, 5_000, 0.5)).isEqualTo(12);
        assertThat(ExperimentDuration.requiredDays(14_749, 3, 5_000, 0.5)).isEqualTo(18);
        assertThat(ExperimentDuration.requiredDays(500, 2, 100, 1.0)).isEqualTo(10);
        assertThat(ExperimentDuration.requiredDays(0, 2, 100, 1.0)).isZero();
    }

    @Test
    void invalidInputsNameTheirField() {
        assertInvalid(() -> new SampleSizeRequest.Binomial(0, 0.1, 0.05, 0.8), "baselineRate");
        assertInvalid(() -> new SampleSizeRequest.Binomial(1.2, 0.1, 0.05, 0.8), "baselineRate");
        assertInvalid(() -> new SampleSizeRequest.Binomial(0.6, 1.0, 0.05, 0.8), "minimumDetectableEffect");
        assertInvalid(() -> new SampleSizeRequest.Binomial(0.1, 0, 0.05, 0.8), "minimumDetectableEffect");
        assertInvalid(() -> new SampleSizeRequest.Binomial(0.1, 0.1, 1.05, 0.8), "alpha");
        assertInvalid(() -> new SampleSizeRequest.Binomial(0.1, 0.1, 0.05, 1.0), "power");
        assertInvalid(() -> new SampleSizeRequest.Binomial(0.1, 0.1, 0.2, 0.05), "power");
        assertInvalid(() -> new SampleSizeRequest.Continuous(0, 1, 0.1, 0.05, 0.8), "baselineMean");
        assertInvalid(() -> new SampleSizeRequest.Continuous(5, 0, 0.1, 0.05, 0.8), "baselineStdDev");
        assertInvalid(() -> new SampleSizeRequest.Continuous(5, 1, Double.NaN, 0.05, 0.8), "minimumDetectableEffect");
        assertInvalid(() -> units(new SampleSizeRequest.Continuous(5, 1e6, 1e-9, 0.05, 0.8)),
                "minimumDetectableEffect");
        assertInvalid(() -> ExperimentDuration.requiredDays(-1, 2, 100, 1), "unitsPerVariant");
        assertInvalid(() -> ExperimentDuration.requiredDays(100, 1, 100, 1), "variants");
        assertInvalid(() -> ExperimentDuration.requiredDays(100, 2, 0, 1), "expectedDailyUnits");
        assertInvalid(() -> ExperimentDuration.requiredDays(100, 2, 100, 0), "trafficFraction");
        assertInvalid(() -> ExperimentDuration.requiredDays(100, 2, 100, 1.5), "trafficFraction");
    }

    private static long units(SampleSizeRequest request) {
        return SampleSizeCalculator.unitsPerVariant(request).unitsPerVariant();
    }

    @Test
    void achievedPowerMatchesTheNormalFormulaAndRsPowerTTest() {
        // R 4.2.2: se <- sqrt(2 * 100 / 5000); pnorm(0.5 / se - qnorm(0.975)) + pnorm(-0.5 / se - qnorm(0.975))
        //          = 0.70541800111380037; power.t.test(n = 5000, delta = 0.5, sd = 10)$power = 0.7053310921586704
        double se = Math.sqrt(2 * 100 / 5000.0);
        assertThat(SampleSizeCalculator.achievedPower(0.5, se, 0.05)).isCloseTo(0.70541800111380037, within(1e-14));
        assertThat(SampleSizeCalculator.achievedPower(-0.5, se, 0.05)).isCloseTo(0.7053310921586704, within(2e-4));
        assertThat(SampleSizeCalculator.achievedPower(0.5, 0, 0.05)).isNull();
    }
}
