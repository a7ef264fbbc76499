package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static io.refinery.experiments.stats.TwoProportionZTestTest.assertDegenerate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values, posteriors Beta(1 + x, 1 + n − x) for control (n_c, x_c) and treatment (n_t, x_t):
 * <ul>
 *   <li>"mpmath": python3, mpmath 1.3.0 at mp.dps = 50, Evan Miller's published sum for P(X &gt; Y),
 *       X ~ Beta(ax, bx), Y ~ Beta(ay, by):
 *       {@code sum(exp(log(beta(ay+i, by+bx)) - log(bx+i) - log(beta(1+i, bx)) - log(beta(ay, by))) for i in
 *       range(ax))}, chance = P(p_t &gt; p_c), loss = ac/(ac+bc)·P(Beta(ac+1, bc) &gt; p_t) − at/(at+bt)·P(p_c &gt;
 *       Beta(at+1, bt)) (Stucchio's closed form).</li>
 *   <li>"quad": scipy 1.17.1, {@code scipy.integrate.quad(lambda x: beta.pdf(x, at, bt)*beta.cdf(x, ac, bc), lo, hi,
 *       epsabs=1e-15, epsrel=1e-13)} with [lo, hi] the union of the 10⁻¹⁶ and 1 − 10⁻¹⁶ quantiles, and for the loss
 *       {@code quad(lambda y: beta.pdf(y, at, bt)*(ac/(ac+bc)*beta.sf(y, ac+1, bc) - y*beta.sf(y, ac, bc)), lo, hi)}
 *       (E[(p_c − y)⁺] integrated over p_t's density).</li>
 *   <li>Credible interval: numpy, posterior means m = a/(a+b), variances v = ab/((a+b)²(a+b+1)),
 *       {@code lift = mt/mc-1; lift ∓ norm.ppf(0.975)*sqrt(vt/mc**2 + mt**2*vc/mc**4)}.</li>
 * </ul>
 */
class BetaBinomialBayesianTestTest {

    private static final BetaBinomialBayesianTest TEST = new BetaBinomialBayesianTest(0.05);

    @Test
    void tinySamplesGiveTheExactRationalProbability() {
        // control 10/1, treatment 6/2: mpmath chance = 0.86274509803921568627 (= 44/51), quad 0.8627450980392157;
        // loss mpmath 0.01279239766081871345, quad 0.012792397660818714; tolerance 1e-14
        // credible interval [-2.0788333111678554, 4.578833311167855]; observed lift 2/6 ÷ 1/10 − 1 = 7/3
        ComparisonResult result = TEST.compare(new ProportionStatistic(10, 1), new ProportionStatistic(6, 2));

        assertThat(result.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(result.chanceToBeatControl()).isCloseTo(44.0 / 51.0, within(1e-14));
        assertThat(result.expectedLoss()).isCloseTo(0.01279239766081871345, within(1e-14));
        assertThat(result.relativeLift()).isCloseTo(7.0 / 3.0, within(1e-12));
        assertThat(result.confidenceInterval().lower()).isCloseTo(-2.0788333111678554, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(4.578833311167855, within(1e-12));
        assertThat(result.pValue()).isNull();
        assertThat(result.significant()).isNull();
    }

    @Test
    void rareConversions() {
        // control 1000/1, treatment 1000/3: mpmath chance = 0.81281257820314455079, loss =
        // 0.00024856677083613607393 (quad 0.8128125782031443 and 0.0002485667708361359); tolerance 1e-14
        ComparisonResult result = TEST.compare(new ProportionStatistic(1_000, 1), new ProportionStatistic(1_000, 3));

        assertThat(result.chanceToBeatControl()).isCloseTo(0.81281257820314455079, within(1e-14));
        assertThat(result.expectedLoss()).isCloseTo(0.00024856677083613607393, within(1e-16));
    }

    @Test
    void tenThousandUnitsPerArm() {
        // control 10000/1000, treatment 10000/1100: mpmath chance = 0.98945735443171401464 (quad 0.989457354431715),
        // loss = 0.000015582443832201356158 (quad 1.5582443832201393e-05); tolerance 1e-12 on the chance
        // credible interval [0.010829304103397733, 0.18897089569680198]; tolerance 1e-12
        ComparisonResult result = TEST.compare(new ProportionStatistic(10_000, 1_000),
                new ProportionStatistic(10_000, 1_100));

        assertThat(result.chanceToBeatControl()).isCloseTo(0.98945735443171401464, within(1e-12));
        assertThat(result.expectedLoss()).isCloseTo(0.000015582443832201356158, within(1e-14));
        assertThat(result.relativeLift()).isCloseTo(0.1, within(1e-12));
        assertThat(result.absoluteDifference()).isCloseTo(0.01, within(1e-15));
        assertThat(result.confidenceInterval().lower()).isCloseTo(0.010829304103397733, within(1e-12));
        assertThat(result.confidenceInterval().upper()).isCloseTo(0.18897089569680198, within(1e-12));
    }

    @Test
    void millionUnitsPerArm() {
        // control 1000000/50000, treatment 1000000/50200: mpmath chance = 0.74159435693897701171
        // (quad 0.7415943569389716), loss = 0.000048072517006780338918 (quad 4.807251700677907e-05);
        // tolerance 2e-11 on the chance (see BetaPosteriorComparison on accuracy), 1e-12 on the loss
        ComparisonResult result = TEST.compare(new ProportionStatistic(1_000_000, 50_000),
                new ProportionStatistic(1_000_000, 50_200));

        assertThat(result.chanceToBeatControl()).isCloseTo(0.74159435693897701171, within(2e-11));
        assertThat(result.expectedLoss()).isCloseTo(0.000048072517006780338918, within(1e-12));
    }

    @Test
    void tenMillionUnitsPerArmStayAccurateAndFast() {
        // control 10000000/3000000, treatment 10000000/3001000: quad chance = 0.6871991435823152 (error estimate
        // 3.3e-14), loss = 4.130687032735186e-05 (error estimate 8e-18); tolerance 3e-9 and 1e-12
        ProportionStatistic control = new ProportionStatistic(10_000_000, 3_000_000);
        ProportionStatistic treatment = new ProportionStatistic(10_000_000, 3_001_000);
        TEST.compare(control, treatment); // warm-up

        long start = System.nanoTime();
        ComparisonResult result = TEST.compare(control, treatment);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.chanceToBeatControl()).isCloseTo(0.6871991435823152, within(3e-9));
        assertThat(result.expectedLoss()).isCloseTo(4.130687032735186e-05, within(1e-12));
        assertThat(elapsedMillis).isLessThan(50);
    }

    @Test
    void chanceIsComplementaryAndLossIsZeroWhenTreatmentIsOverwhelminglyBetter() {
        ProportionStatistic low = new ProportionStatistic(20_000, 1_000);
        ProportionStatistic high = new ProportionStatistic(20_000, 1_300);

        double up = TEST.compare(low, high).chanceToBeatControl();
        double down = TEST.compare(high, low).chanceToBeatControl();

        assertThat(up + down).isCloseTo(1.0, within(1e-12));
        assertThat(TEST.compare(low, high).expectedLoss()).isBetween(0.0, 1e-12);
    }

    @Test
    void zeroControlConversionsStillGiveChanceAndLoss() {
        ComparisonResult result = TEST.compare(new ProportionStatistic(500, 0), new ProportionStatistic(500, 4));

        assertThat(result.status()).isEqualTo(AnalysisStatus.ZERO_CONTROL_MEAN);
        assertThat(result.relativeLift()).isNull();
        assertThat(result.confidenceInterval()).isNull();
        assertThat(result.chanceToBeatControl()).isBetween(0.9, 1.0);
        assertThat(result.expectedLoss()).isNotNull();
    }

    @Test
    void degenerateDataGivesStatusAndNullStatistics() {
        assertDegenerate(TEST.compare(ProportionStatistic.EMPTY, ProportionStatistic.EMPTY), AnalysisStatus.NO_UNITS);
        assertDegenerate(TEST.compare(new ProportionStatistic(1_000, 0), new ProportionStatistic(900, 0)),
                AnalysisStatus.NO_CONVERSIONS);
        assertDegenerate(TEST.compare(new ProportionStatistic(7, 7), new ProportionStatistic(9, 9)),
                AnalysisStatus.ZERO_VARIANCE);
    }

    @Test
    void invalidInputsNameTheirField() {
        assertInvalid(() -> new BetaBinomialBayesianTest(1.5), "alpha");
        assertInvalid(() -> TEST.compare(new ProportionStatistic(5, 1), new ProportionStatistic(5, 6)),
                "treatment.conversions");
    }
}
