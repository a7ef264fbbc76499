package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Reference values from python3 with numpy 2.4.6, evaluating the published formula of Johari, Koomen, Pekelis &amp;
 * Walsh (KDD 2017) for two streams of n units with common variance σ²:
 * <pre>
 *   Lam = np.sqrt(2*s2/(2*s2+n*tau2))*np.exp(n**2*tau2*(ybar-xbar-theta0)**2/(4*s2*(2*s2+n*tau2)))
 *   p = min(1, 1/Lam);  interval: d ∓ np.sqrt(V*(V+tau2)/tau2*(-2*np.log(alpha)+np.log((V+tau2)/V))), V = 2*s2/n
 * </pre>
 * (checked in numpy: Lam at both ends of the interval is 1/alpha = 20 to 1e-12). Unequal arms use the same
 * expression with V = s_c²/n_c + s_t²/n_t. Tolerance 1e-12 unless stated.
 */
class MixtureSequentialProbabilityRatioTestTest {

    private static final MixingVariance TAU_SQUARED_001 = new MixingVariance.Fixed(0.01);

    @Test
    void equalArmsMatchThePapersFormula() {
        // n = 1000, σ² = 4, x̄ = 10.0, ȳ = 10.3, τ² = 0.01: Lam = 15.173263395684714 → p = 0.06590540043511013,
        // interval [-0.012976811588127246, 0.6129768115881272]. (A fixed-horizon z-test would give p = 0.0008.)
        SequentialResult result = test(new SummaryStatistic(1000, 10.0, 2.0), new SummaryStatistic(1000, 10.3, 2.0),
                TAU_SQUARED_001);

        assertThat(result.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.difference()).isCloseTo(0.3, within(1e-12));
        assertThat(result.pValue()).isCloseTo(0.06590540043511013, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.012976811588127246, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.6129768115881272, within(1e-12));
        assertThat(result.significant()).isFalse();
        assertThat(result.tauSquared()).isEqualTo(0.01);
    }

    @Test
    void crossingTheBoundaryIsSignificant() {
        // ȳ = 10.4: p = 0.005798880209209155, interval [0.08702318841187279, 0.7129768115881272]
        SequentialResult result = test(new SummaryStatistic(1000, 10.0, 2.0), new SummaryStatistic(1000, 10.4, 2.0),
                TAU_SQUARED_001);

        assertThat(result.pValue()).isCloseTo(0.005798880209209155, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(0.08702318841187279, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.7129768115881272, within(1e-12));
        assertThat(result.significant()).isTrue();
    }

    @Test
    void likelihoodRatioBelowOneGivesPValueOne() {
        // ȳ = 10.1: Lam = 0.9434207760156721 → p = 1; interval [-0.21297681158812723, 0.41297681158812727]
        SequentialResult result = test(new SummaryStatistic(1000, 10.0, 2.0), new SummaryStatistic(1000, 10.1, 2.0),
                TAU_SQUARED_001);

        assertThat(result.pValue()).isEqualTo(1.0);
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.21297681158812723, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.41297681158812727, within(1e-12));
    }

    @Test
    void unequalArmsWithTauTunedForThePlannedSampleSize() {
        // control (800, 5.0, 1.5), treatment (1200, 5.2, 2.5), planned N = 5000: r* = 8.211968062068253 (fixed point
        // of r = 2 log 20 + log(1 + r)), tau2 = r*·(1.5² + 2.5²)/5000 = 0.01396034570551603, V = 0.008020833333333333,
        // p = 0.33974326143601563, interval [-0.09731993967169333, 0.49731993967169336]
        SequentialResult result = test(new SummaryStatistic(800, 5.0, 1.5), new SummaryStatistic(1200, 5.2, 2.5),
                new MixingVariance.TunedForSampleSize(5000));

        assertThat(MixingVariance.optimalRatio(0.05)).isCloseTo(8.211968062068253, within(1e-12));
        assertThat(result.tauSquared()).isCloseTo(0.01396034570551603, within(1e-14));
        assertThat(result.pValue()).isCloseTo(0.33974326143601563, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-0.09731993967169333, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.49731993967169336, within(1e-12));
    }

    @Test
    void conversionsUseBernoulliVariances() {
        // 20000/2000 vs 20000/2200, τ² = 1e-4: V = 0.1·0.9/20000 + 0.11·0.89/20000 = 9.395e-06,
        // p = 0.02631735372958582, interval [0.0006829345036682092, 0.019317065496331783]
        SequentialResult result = test(new ProportionStatistic(20_000, 2_000), new ProportionStatistic(20_000, 2_200),
                new MixingVariance.Fixed(1e-4));

        assertThat(result.pValue()).isCloseTo(0.02631735372958582, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(0.0006829345036682092, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.019317065496331783, within(1e-12));
        assertThat(result.significant()).isTrue();
    }

    @Test
    void pValueNeverRisesAndIntervalNeverWidensAcrossLooks() {
        SequentialResult first = test(new SummaryStatistic(1000, 10.0, 2.0), new SummaryStatistic(1000, 10.4, 2.0),
                TAU_SQUARED_001);
        SequentialResult second = MixtureSequentialProbabilityRatioTest.test(new SequentialRequest(0.05,
                new SummaryStatistic(2000, 10.0, 2.0), new SummaryStatistic(2000, 10.05, 2.0), TAU_SQUARED_001,
                first.pValue(), first.confidenceInterval()));

        assertThat(second.pValue()).isEqualTo(first.pValue());
        assertThat(second.significant()).isTrue();
        assertThat(second.confidenceInterval().lower()).isGreaterThanOrEqualTo(first.confidenceInterval().lower());
        assertThat(second.confidenceInterval().upper()).isLessThanOrEqualTo(first.confidenceInterval().upper());
    }

    @Test
    void peekingAfterEveryBatchKeepsFalsePositivesBelowAlphaUnlikeRepeatedWelchTests() {
        // 400 A/A experiments, N(0, 1) in both arms, 100 looks of 100 units per arm each. Seeded, so deterministic.
        SplittableRandom random = new SplittableRandom(2017);
        MixingVariance mixing = new MixingVariance.TunedForSampleSize(10_000);
        WelchTTest welch = new WelchTTest(0.05);
        int sequentialFalsePositives = 0;
        int peekingFalsePositives = 0;
        for (int experiment = 0; experiment < 400; experiment++) {
            SampleMeanStatistic control = SampleMeanStatistic.EMPTY;
            SampleMeanStatistic treatment = SampleMeanStatistic.EMPTY;
            SequentialResult look = null;
            boolean peekedSignificant = false;
            for (int batch = 0; batch < 100; batch++) {
                control = control.plus(batch(random, 100));
                treatment = treatment.plus(batch(random, 100));
                look = MixtureSequentialProbabilityRatioTest.test(new SequentialRequest(0.05, control, treatment,
                        mixing, look == null ? null : look.pValue(), look == null ? null : look.confidenceInterval()));
                peekedSignificant |= welch.compare(control, treatment).significant();
            }
            sequentialFalsePositives += look.significant() ? 1 : 0;
            peekingFalsePositives += peekedSignificant ? 1 : 0;
        }
        // mSPRT stays below α = 0.05 (20 of 400); naive peeking far above it. With this seed: 6 and 151 of 400.
        assertThat(sequentialFalsePositives).isLessThanOrEqualTo(20);
        assertThat(peekingFalsePositives).isGreaterThan(60);
    }

    @Test
    void degenerateDataGivesStatusAndNullStatistics() {
        assertDegenerate(test(SampleMeanStatistic.EMPTY, SampleMeanStatistic.of(1, 2), TAU_SQUARED_001),
                AnalysisStatus.NO_UNITS);
        assertDegenerate(test(SampleMeanStatistic.of(3), SampleMeanStatistic.of(1, 2), TAU_SQUARED_001),
                AnalysisStatus.NOT_ENOUGH_UNITS);
        assertDegenerate(test(SampleMeanStatistic.of(2, 2), SampleMeanStatistic.of(1, 1), TAU_SQUARED_001),
                AnalysisStatus.ZERO_VARIANCE);
        assertDegenerate(test(new ProportionStatistic(50, 0), new ProportionStatistic(60, 0), TAU_SQUARED_001),
                AnalysisStatus.NO_CONVERSIONS);
        assertDegenerate(test(new ProportionStatistic(50, 0), new ProportionStatistic(60, 60),
                new MixingVariance.TunedForSampleSize(100)), AnalysisStatus.ZERO_VARIANCE);
    }

    @Test
    void invalidInputsNameTheirField() {
        ArmStatistic arm = new SummaryStatistic(10, 1, 1);
        assertInvalid(() -> new SequentialRequest(0, arm, arm, TAU_SQUARED_001), "alpha");
        assertInvalid(() -> new SequentialRequest(0.05, new SummaryStatistic(-1, 1, 1), arm, TAU_SQUARED_001),
                "control.units");
        assertInvalid(() -> new SequentialRequest(0.05, arm, arm, null), "mixing");
        assertInvalid(() -> new SequentialRequest(0.05, arm, arm, new MixingVariance.Fixed(0)), "mixing.tauSquared");
        assertInvalid(() -> new SequentialRequest(0.05, arm, arm, new MixingVariance.TunedForSampleSize(0)),
                "mixing.plannedUnitsPerVariant");
        assertInvalid(() -> new SequentialRequest(0.05, arm, arm, TAU_SQUARED_001, 1.5, null), "previousPValue");
        assertInvalid(() -> new SequentialRequest(0.05, arm, arm, TAU_SQUARED_001, 0.5,
                new ConfidenceInterval(1, 0)), "previousInterval");
    }

    private static SequentialResult test(ArmStatistic control, ArmStatistic treatment, MixingVariance mixing) {
        return MixtureSequentialProbabilityRatioTest.test(new SequentialRequest(0.05, control, treatment, mixing));
    }

    private static SampleMeanStatistic batch(SplittableRandom random, int units) {
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < units; i++) {
            double value = random.nextGaussian();
            sum += value;
            sumOfSquares += value * value;
        }
        return new SampleMeanStatistic(units, sum, sumOfSquares);
    }

    private static void assertDegenerate(SequentialResult result, AnalysisStatus status) {
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.message()).isEqualTo(status.message());
        assertThat(result.pValue()).isNull();
        assertThat(result.difference()).isNull();
        assertThat(result.confidenceInterval()).isNull();
        assertThat(result.significant()).isNull();
        assertThat(result.tauSquared()).isNull();
    }
}
