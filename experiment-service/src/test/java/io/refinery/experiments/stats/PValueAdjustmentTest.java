package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Reference values: Holm from a worked example and from numpy 2.4.6 (scipy 1.17.1 has no Holm):
 * {@code o = np.argsort(p, kind='stable'); adj[o] = np.minimum(1, np.maximum.accumulate((m - np.arange(m))*p[o]))};
 * Benjamini–Hochberg from scipy 1.17.1 {@code scipy.stats.false_discovery_control(p, method='bh')}. Tolerance 1e-15.
 */
class PValueAdjustmentTest {

    /** Wikipedia, "Holm–Bonferroni method", Example: four hypotheses, α = 0.05. */
    private static final List<Double> HOLM_EXAMPLE = List.of(0.01, 0.04, 0.03, 0.005);

    /** Benjamini &amp; Hochberg (1995), the worked example: 15 p-values from a multiple-endpoint trial. */
    private static final List<Double> BH_PAPER = List.of(0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298,
            0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000);

    @Test
    void holmWorkedExample() {
        // By hand: sorted 0.005 (H4), 0.01 (H1), 0.03 (H3), 0.04 (H2) against α/4, α/3, α/2, α: H4 and H1 are
        // rejected, H3 is not (0.03 > 0.025), so the procedure stops. Adjusted: 4×0.005 = 0.02, 3×0.01 = 0.03,
        // max(0.03, 2×0.03) = 0.06, max(0.06, 1×0.04) = 0.06. numpy: [0.03, 0.06, 0.06, 0.02]
        AdjustedPValues result = PValueAdjustment.adjust(HOLM_EXAMPLE, MultipleTestingCorrection.HOLM);

        assertThat(result.raw()).isEqualTo(HOLM_EXAMPLE);
        assertClose(result.adjusted(), 0.03, 0.06, 0.06, 0.02);
        assertThat(result.adjusted()).filteredOn(p -> p < 0.05).hasSize(2);
    }

    @Test
    void holmOnTheBenjaminiHochbergData() {
        // numpy: [0.0015, 0.0056, 0.0247, 0.11399999999999999, 0.2211, 0.27799999999999997, 0.27799999999999997,
        // 0.27799999999999997, 0.32130000000000003, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
        assertClose(PValueAdjustment.adjust(BH_PAPER, MultipleTestingCorrection.HOLM).adjusted(), 0.0015, 0.0056,
                0.0247, 0.11399999999999999, 0.2211, 0.27799999999999997, 0.27799999999999997, 0.27799999999999997,
                0.32130000000000003, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    }

    @Test
    void benjaminiHochbergPaperExample() {
        // The paper rejects the four smallest at q = 0.05. scipy: [0.0015, 0.003, 0.0095, 0.035625, 0.0603,
        // 0.06385714285714286, 0.06385714285714286, 0.0645, 0.07650000000000001, 0.486, 0.5811818181818181,
        // 0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1.0]
        AdjustedPValues result = PValueAdjustment.adjust(BH_PAPER, MultipleTestingCorrection.BENJAMINI_HOCHBERG);

        assertClose(result.adjusted(), 0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286,
                0.06385714285714286, 0.0645, 0.07650000000000001, 0.486, 0.5811818181818181, 0.7148749999999999,
                0.7532307692307693, 0.8132142857142857, 1.0);
        assertThat(result.adjusted()).filteredOn(p -> p < 0.05).hasSize(4);
    }

    @Test
    void tiesAndUnsortedInput() {
        // [0.5, 0.02, 0.02, 0.9]: scipy BH [0.6666666666666666, 0.04, 0.04, 0.9]; numpy Holm [1.0, 0.08, 0.08, 1.0]
        List<Double> pValues = List.of(0.5, 0.02, 0.02, 0.9);

        assertClose(PValueAdjustment.adjust(pValues, MultipleTestingCorrection.BENJAMINI_HOCHBERG).adjusted(),
                0.6666666666666666, 0.04, 0.04, 0.9);
        assertClose(PValueAdjustment.adjust(pValues, MultipleTestingCorrection.HOLM).adjusted(), 1.0, 0.08, 0.08, 1.0);
        assertThat(PValueAdjustment.adjust(pValues, MultipleTestingCorrection.NONE).adjusted()).isEqualTo(pValues);
    }

    @Test
    void nullPValuesStayNullAndAreNotCounted() {
        // Holm on the three present values [0.01, 0.04, 0.005]: 3×0.005 = 0.015, 2×0.01 = 0.02, 0.04
        AdjustedPValues result = PValueAdjustment.adjust(Arrays.asList(0.01, null, 0.04, 0.005),
                MultipleTestingCorrection.HOLM);

        assertThat(result.raw()).containsExactly(0.01, null, 0.04, 0.005);
        assertThat(result.adjusted().get(1)).isNull();
        assertThat(result.adjusted().get(0)).isCloseTo(0.02, within(1e-15));
        assertThat(result.adjusted().get(2)).isCloseTo(0.04, within(1e-15));
        assertThat(result.adjusted().get(3)).isCloseTo(0.015, within(1e-15));
        assertThat(PValueAdjustment.adjust(List.of(), MultipleTestingCorrection.BENJAMINI_HOCHBERG).adjusted())
                .isEmpty();
    }

    @Test
    void multipleTreatmentsAreComparedAndAdjusted() {
        ProportionStatistic control = new ProportionStatistic(10_000, 1_000);
        List<ArmStatistic> treatments = List.of(new ProportionStatistic(10_000, 1_100),
                new ProportionStatistic(10_000, 1_010), ProportionStatistic.EMPTY);
        MultiTreatmentResult result = ExperimentComparison.compareTreatments(new MultiTreatmentRequest(
                MetricType.BINOMIAL, InferenceMethod.FREQUENTIST, 0.05, control, treatments,
                MultipleTestingCorrection.HOLM));

        double first = result.treatments().get(0).comparison().pValue(); // 0.0211 (TwoProportionZTestTest)
        double second = result.treatments().get(1).comparison().pValue();
        assertThat(result.correction()).isEqualTo(MultipleTestingCorrection.HOLM);
        assertThat(result.treatments().get(0).adjustedPValue()).isCloseTo(2 * first, within(1e-15));
        assertThat(result.treatments().get(0).significant()).isTrue();
        assertThat(result.treatments().get(1).adjustedPValue()).isCloseTo(second, within(1e-15));
        assertThat(result.treatments().get(1).significant()).isFalse();
        assertThat(result.treatments().get(2).comparison().status()).isEqualTo(AnalysisStatus.NO_UNITS);
        assertThat(result.treatments().get(2).adjustedPValue()).isNull();
        assertThat(result.treatments().get(2).significant()).isNull();
        assertThat(result.pValues().raw()).containsExactly(first, second, null);
    }

    @Test
    void bayesianMultipleTreatmentsAreNotAdjusted() {
        MultiTreatmentResult result = ExperimentComparison.compareTreatments(new MultiTreatmentRequest(
                MetricType.BINOMIAL, InferenceMethod.BAYESIAN, 0.05, new ProportionStatistic(1_000, 100),
                List.of(new ProportionStatistic(1_000, 120)), MultipleTestingCorrection.BENJAMINI_HOCHBERG));

        assertThat(result.treatments().get(0).comparison().chanceToBeatControl()).isNotNull();
        assertThat(result.treatments().get(0).adjustedPValue()).isNull();
        assertThat(result.treatments().get(0).significant()).isNull();
    }

    @Test
    void invalidInputsNameTheirField() {
        assertInvalid(() -> PValueAdjustment.adjust(List.of(0.1, 1.2), MultipleTestingCorrection.HOLM), "pValues[1]");
        assertInvalid(() -> PValueAdjustment.adjust(List.of(Double.NaN), MultipleTestingCorrection.HOLM),
                "pValues[0]");
        assertInvalid(() -> PValueAdjustment.adjust(List.of(0.1), null), "correction");
        ProportionStatistic control = new ProportionStatistic(100, 10);
        assertInvalid(() -> new MultiTreatmentRequest(MetricType.BINOMIAL, InferenceMethod.FREQUENTIST, 0.05, control,
                List.of(), MultipleTestingCorrection.HOLM), "treatments");
        assertInvalid(() -> new MultiTreatmentRequest(MetricType.BINOMIAL, InferenceMethod.FREQUENTIST, 0.05, control,
                List.of(control, new ProportionStatistic(5, 6)), MultipleTestingCorrection.HOLM),
                "treatments[1].conversions");
        assertInvalid(() -> new MultiTreatmentRequest(MetricType.BINOMIAL, InferenceMethod.FREQUENTIST, 0.05, control,
                List.of(control), null), "correction");
    }

    private static void assertClose(List<Double> actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i)).as("index %d", i).isCloseTo(expected[i], within(1e-15));
        }
    }
}
