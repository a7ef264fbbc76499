package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ExperimentComparisonTest {

    private static final ProportionStatistic CONTROL_RATE = new ProportionStatistic(10_000, 1_000);
    private static final ProportionStatistic TREATMENT_RATE = new ProportionStatistic(10_000, 1_100);

    @Test
    void binomialFrequentistIsTheZTestAndLeavesBayesianFieldsNull() {
        ComparisonResult result = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                InferenceMethod.FREQUENTIST, CONTROL_RATE, TREATMENT_RATE));

        assertThat(result).isEqualTo(new TwoProportionZTest(0.05).compare(CONTROL_RATE, TREATMENT_RATE));
        assertThat(result.pValue()).isNotNull();
        assertThat(result.significant()).isNotNull();
        assertThat(result.chanceToBeatControl()).isNull();
        assertThat(result.expectedLoss()).isNull();
    }

    @Test
    void binomialBayesianIsTheBetaTestAndLeavesFrequentistFieldsNull() {
        ComparisonResult result = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                InferenceMethod.BAYESIAN, 0.1, CONTROL_RATE, TREATMENT_RATE));

        assertThat(result).isEqualTo(new BetaBinomialBayesianTest(0.1).compare(CONTROL_RATE, TREATMENT_RATE));
        assertThat(result.pValue()).isNull();
        assertThat(result.significant()).isNull();
        assertThat(result.chanceToBeatControl()).isNotNull();
    }

    @Test
    void continuousUsesWelchOrTheNormalPosterior() {
        ArmStatistic control = new SummaryStatistic(25, 10.0, 2.0);
        ArmStatistic treatment = SampleMeanStatistic.of(9, 12, 14, 10, 11);

        assertThat(ExperimentComparison.compare(new ComparisonRequest(MetricType.CONTINUOUS,
                InferenceMethod.FREQUENTIST, control, treatment)))
                .isEqualTo(new WelchTTest(0.05).compare(control, treatment));
        assertThat(ExperimentComparison.compare(new ComparisonRequest(MetricType.CONTINUOUS,
                InferenceMethod.BAYESIAN, control, treatment)))
                .isEqualTo(new NormalBayesianTest(0.05).compare(control, treatment));
    }

    @Test
    void smallerAlphaWidensTheInterval() {
        ComparisonResult at5 = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                InferenceMethod.FREQUENTIST, 0.05, CONTROL_RATE, TREATMENT_RATE));
        ComparisonResult at1 = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                InferenceMethod.FREQUENTIST, 0.01, CONTROL_RATE, TREATMENT_RATE));

        assertThat(at1.confidenceInterval().lower()).isLessThan(at5.confidenceInterval().lower());
        assertThat(at1.pValue()).isEqualTo(at5.pValue());
        assertThat(at5.significant()).isTrue();
        assertThat(at1.significant()).isFalse(); // p = 0.0211 (see TwoProportionZTestTest)
    }

    @Test
    void invalidRequestsNameTheirField() {
        assertInvalid(() -> new ComparisonRequest(null, InferenceMethod.BAYESIAN, CONTROL_RATE, TREATMENT_RATE),
                "metricType");
        assertInvalid(() -> new ComparisonRequest(MetricType.BINOMIAL, null, CONTROL_RATE, TREATMENT_RATE), "method");
        assertInvalid(() -> new ComparisonRequest(MetricType.BINOMIAL, InferenceMethod.BAYESIAN, 0, CONTROL_RATE,
                TREATMENT_RATE), "alpha");
        assertInvalid(() -> new ComparisonRequest(MetricType.BINOMIAL, InferenceMethod.BAYESIAN, 1.0, CONTROL_RATE,
                TREATMENT_RATE), "alpha");
        assertInvalid(() -> new ComparisonRequest(MetricType.BINOMIAL, InferenceMethod.FREQUENTIST,
                new ProportionStatistic(10, 20), TREATMENT_RATE), "control.conversions");
        assertInvalid(() -> new ComparisonRequest(MetricType.BINOMIAL, InferenceMethod.FREQUENTIST, CONTROL_RATE,
                new SummaryStatistic(10, 1, 1)), "treatment");
        assertInvalid(() -> new ComparisonRequest(MetricType.CONTINUOUS, InferenceMethod.FREQUENTIST, CONTROL_RATE,
                new SummaryStatistic(10, 1, 1)), "control");
        assertInvalid(() -> new ComparisonRequest(MetricType.CONTINUOUS, InferenceMethod.FREQUENTIST,
                new SummaryStatistic(10, 1, 1), null), "treatment");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(InferenceMethod.class)
    void randomAndExtremeInputsNeverYieldNaNOrInfinity(InferenceMethod method) {
        SplittableRandom random = new SplittableRandom(20_240_601);
        for (int i = 0; i < 2_000; i++) {
            long controlUnits = random.nextLong(0, i % 2 == 0 ? 30 : 5_000_000);
            long treatmentUnits = random.nextLong(0, i % 3 == 0 ? 30 : 5_000_000);
            ProportionStatistic control = new ProportionStatistic(controlUnits, nearEdge(random, controlUnits));
            ProportionStatistic treatment = new ProportionStatistic(treatmentUnits, nearEdge(random, treatmentUnits));
            assertFinite(ExperimentComparison.compare(
                    new ComparisonRequest(MetricType.BINOMIAL, method, control, treatment)));

            ArmStatistic continuousControl = new SummaryStatistic(controlUnits, random.nextDouble(-1e6, 1e6),
                    random.nextInt(4) == 0 ? 0 : random.nextDouble(0, 1e3));
            ArmStatistic continuousTreatment = new SummaryStatistic(treatmentUnits, random.nextDouble(-1e6, 1e6),
                    random.nextInt(4) == 0 ? 0 : random.nextDouble(0, 1e3));
            assertFinite(ExperimentComparison.compare(
                    new ComparisonRequest(MetricType.CONTINUOUS, method, continuousControl, continuousTreatment)));
        }
    }

    @Test
    void millionUnitExperimentIsAnalysedFromItsSufficientStatisticsInMilliseconds() {
        SampleMeanStatistic control = SampleMeanStatistic.EMPTY;
        SampleMeanStatistic treatment = SampleMeanStatistic.EMPTY;
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500_000; i++) { // running sums, as the service keeps them
            double value = random.nextDouble(0, 20);
            control = control.plus(new SampleMeanStatistic(1, value, value * value));
            double other = random.nextDouble(0, 20.1);
            treatment = treatment.plus(new SampleMeanStatistic(1, other, other * other));
        }
        ComparisonRequest continuous = new ComparisonRequest(MetricType.CONTINUOUS, InferenceMethod.FREQUENTIST,
                control, treatment);
        ComparisonRequest binomial = new ComparisonRequest(MetricType.BINOMIAL, InferenceMethod.BAYESIAN,
                new ProportionStatistic(500_000, 25_000), new ProportionStatistic(500_000, 25_400));
        ExperimentComparison.compare(continuous); // warm-up: class loading and JIT
        ExperimentComparison.compare(binomial);

        long start = System.nanoTime();
        ComparisonResult welch = ExperimentComparison.compare(continuous);
        ComparisonResult beta = ExperimentComparison.compare(binomial);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(welch.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(welch.absoluteDifference()).isCloseTo(0.05, within(0.05));
        assertThat(beta.chanceToBeatControl()).isGreaterThan(0.95);
        assertThat(elapsedMillis).isLessThan(50);
    }

    private static long nearEdge(SplittableRandom random, long units) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> units;
            case 2 -> Math.min(units, random.nextLong(0, 3));
            default -> units == 0 ? 0 : random.nextLong(0, units + 1);
        };
    }

    private static void assertFinite(ComparisonResult result) {
        assertThat(result.status()).isNotNull();
        for (Double value : new Double[] {result.pValue(), result.relativeLift(), result.absoluteDifference(),
                result.chanceToBeatControl(), result.expectedLoss()}) {
            assertThat(value == null || Double.isFinite(value)).as("finite or null: %s", result).isTrue();
        }
        if (result.confidenceInterval() != null) {
            assertThat(Double.isFinite(result.confidenceInterval().lower())
                    && Double.isFinite(result.confidenceInterval().upper())).as("%s", result).isTrue();
        }
        if (result.chanceToBeatControl() != null) {
            assertThat(result.chanceToBeatControl()).isBetween(0.0, 1.0);
        }
        if (result.pValue() != null) {
            assertThat(result.pValue()).isBetween(0.0, 1.0);
        }
    }
}
