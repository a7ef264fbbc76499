package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reference values from python3 with scipy 1.17.1: {@code scipy.stats.chisquare(observed, f_exp).pvalue}. */
class SampleRatioMismatchCheckTest {

    @Test
    void publishedExampleFromTrustworthyOnlineControlledExperiments() {
        // Kohavi, Tang & Xu (2020), ch. 3: 821,588 vs 815,482 users in a 50/50 split, p-value reported as 1.8E-6.
        // scipy: chisquare([821588, 815482]).pvalue = 1.8217928726191858e-06; tolerance 1e-18
        SrmResult result = check(List.of(821_588L, 815_482L), List.of(1.0, 1.0));

        assertThat(result.pValue()).isCloseTo(1.8217928726191858e-06, within(1e-18));
        assertThat(result.mismatch()).isTrue();
        assertThat(result.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.message()).isNull();
    }

    @Test
    void smallImbalanceIsNotAMismatch() {
        // chisquare([50400, 49600]).pvalue = 0.01141203638600166: below 0.05 but above 0.001; tolerance 1e-15
        SrmResult result = check(List.of(50_400L, 49_600L), List.of(0.5, 0.5));

        assertThat(result.pValue()).isCloseTo(0.01141203638600166, within(1e-15));
        assertThat(result.mismatch()).isFalse();
    }

    @Test
    void unequalSplitOverThreeVariants() {
        // chisquare([1000, 2100, 6900], [1000, 2000, 7000]).pvalue = 0.04018402645107363; tolerance 1e-15
        SrmResult result = check(List.of(1_000L, 2_100L, 6_900L), List.of(10.0, 20.0, 70.0));

        assertThat(result.pValue()).isCloseTo(0.04018402645107363, within(1e-15));
        assertThat(result.mismatch()).isFalse();
    }

    @Test
    void perfectMatchAndAnEmptyVariant() {
        // chisquare([50, 49], [49.5, 49.5]).pvalue = 0.9199443808170074
        // chisquare([5, 0]).pvalue = 0.025347318677468325
        assertThat(check(List.of(50L, 49L), List.of(1.0, 1.0)).pValue()).isCloseTo(0.9199443808170074, within(1e-15));
        assertThat(check(List.of(5L, 0L), List.of(1.0, 1.0)).pValue()).isCloseTo(0.025347318677468325, within(1e-15));
        assertThat(check(List.of(500L, 500L), List.of(1.0, 1.0)).pValue()).isEqualTo(1.0);
    }

    @Test
    void hugeMismatchGivesAPValueOfPracticallyZeroNotNaN() {
        SrmResult result = check(List.of(1_000_000L, 900_000L), List.of(1.0, 1.0));

        assertThat(result.pValue()).isBetween(0.0, 1e-300);
        assertThat(result.mismatch()).isTrue();
    }

    @Test
    void noUnitsIsDegenerateNotAnError() {
        SrmResult result = check(List.of(0L, 0L), List.of(1.0, 1.0));

        assertThat(result.status()).isEqualTo(AnalysisStatus.NO_UNITS);
        assertThat(result.message()).isNotBlank();
        assertThat(result.pValue()).isNull();
        assertThat(result.mismatch()).isNull();
    }

    @Test
    void invalidInputsNameTheirField() {
        assertInvalid(() -> new SrmRequest(null, List.of(1.0)), "observed");
        assertInvalid(() -> new SrmRequest(List.of(10L), List.of(1.0)), "observed");
        assertInvalid(() -> new SrmRequest(List.of(10L, 12L), List.of(1.0)), "expectedWeights");
        assertInvalid(() -> new SrmRequest(List.of(10L, -1L), List.of(1.0, 1.0)), "observed[1]");
        assertInvalid(() -> new SrmRequest(List.of(10L, 12L), List.of(1.0, 0.0)), "expectedWeights[1]");
        assertInvalid(() -> new SrmRequest(List.of(10L, 12L, 3L), List.of(1.0, 1.0, -2.0)), "expectedWeights[2]");
        assertInvalid(() -> new SrmRequest(List.of(10L, 12L), Arrays.asList(1.0, null)), "expectedWeights[1]");
        assertInvalid(() -> new SrmRequest(List.of(10L, 12L), List.of(Double.NaN, 1.0)), "expectedWeights[0]");
    }

    private static SrmResult check(List<Long> observed, List<Double> weights) {
        return SampleRatioMismatchCheck.check(new SrmRequest(observed, weights));
    }
}
