package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from statsmodels 0.13.5 (Debian's python3-statsmodels, scipy 1.10.1), its generic one-sided tests on
 * the lift L and its delta-method standard error SE (the formula gbstats and scipy checks already hold RelativeLift to):
 * <pre>
 *   t, p = statsmodels.stats.weightstats._tstat_generic(s*L, 0, SE, df, 'larger', diff=-m)    # CONTINUOUS, Welch df
 *   z, p = statsmodels.stats.weightstats._zstat_generic(s*L, 0, SE, 'larger', diff=-m)        # BINOMIAL
 *   bound, _ = _tconfint_generic(s*L, SE, df, 2*alpha, 'two-sided')   (or _zconfint_generic): the one-sided bound
 * </pre>
 */
class NonInferiorityTestTest {

    @Test
    void aSlightlyWorseMeanWithinTheMarginButNotProvenSo() {
        // (2000, 50, 20) vs (2100, 49.6, 21), m 0.02, higher is better: L -0.008, SE 0.012756375660821533,
        // df 4097.999999418997, p 0.17345547715570303, bound -0.02898711508511426
        NonInferiorityTest.Result r = NonInferiorityTest.test(MetricType.CONTINUOUS, new SummaryStatistic(2000, 50, 20),
                new SummaryStatistic(2100, 49.6, 21), true, 0.02, 0.05);
        assertThat(r.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(r.pValue()).isCloseTo(0.17345547715570303, within(1e-10));
        assertThat(r.worstLift()).isCloseTo(-0.02898711508511426, within(1e-10));
        assertThat(r.nonInferior()).isFalse();
    }

    @Test
    void enoughUnitsProveNonInferiority() {
        // (20000, 50, 20) vs (20000, 49.8, 20), m 0.02: p 3.0671965359635435e-05, bound -0.01056642094759058
        NonInferiorityTest.Result r = NonInferiorityTest.test(MetricType.CONTINUOUS, new SummaryStatistic(20000, 50, 20),
                new SummaryStatistic(20000, 49.8, 20), true, 0.02, 0.05);
        assertThat(r.pValue()).isCloseTo(3.0671965359635435e-05, within(1e-12));
        assertThat(r.worstLift()).isCloseTo(-0.01056642094759058, within(1e-10));
        assertThat(r.nonInferior()).isTrue();
    }

    @Test
    void lowerIsBetterFlipsTheSign() {
        // latency (1000, 200, 80) vs (1000, 203, 85), m 0.05, lower is better: L 0.015, SE 0.018586581181056404,
        // df 1990.7013759836843, p 0.029917677158984152, bound -0.045586439106706
        NonInferiorityTest.Result r = NonInferiorityTest.test(MetricType.CONTINUOUS, new SummaryStatistic(1000, 200, 80),
                new SummaryStatistic(1000, 203, 85), false, 0.05, 0.05);
        assertThat(r.pValue()).isCloseTo(0.029917677158984152, within(1e-10));
        assertThat(r.worstLift()).isCloseTo(-0.045586439106706, within(1e-10));
        assertThat(r.nonInferior()).isTrue();
    }

    @Test
    void proportionsUseTheNormal() {
        // (10000, 500) vs (10000, 490), m 0.1: SE 0.060734833497754805, p 0.09388558366174155, bound -0.11989991116107578
        NonInferiorityTest.Result close = NonInferiorityTest.test(MetricType.BINOMIAL, new ProportionStatistic(10000, 500),
                new ProportionStatistic(10000, 490), true, 0.1, 0.05);
        assertThat(close.pValue()).isCloseTo(0.09388558366174155, within(1e-12));
        assertThat(close.worstLift()).isCloseTo(-0.11989991116107578, within(1e-12));
        assertThat(close.nonInferior()).isFalse();
        // (10000, 500) vs (10000, 440): p 0.6391271966828123, bound -0.2123746047934205
        NonInferiorityTest.Result worse = NonInferiorityTest.test(MetricType.BINOMIAL, new ProportionStatistic(10000, 500),
                new ProportionStatistic(10000, 440), true, 0.1, 0.05);
        assertThat(worse.pValue()).isCloseTo(0.6391271966828123, within(1e-12));
        assertThat(worse.worstLift()).isCloseTo(-0.2123746047934205, within(1e-12));
    }

    @Test
    void degenerateDataAndBadMarginsAreSaidNotThrown() {
        NonInferiorityTest.Result none = NonInferiorityTest.test(MetricType.BINOMIAL, new ProportionStatistic(0, 0),
                new ProportionStatistic(10, 1), true, 0.1, 0.05);
        assertThat(none.status()).isEqualTo(AnalysisStatus.NO_UNITS);
        assertThat(none.pValue()).isNull();
        assertThat(none.nonInferior()).isNull();
        NonInferiorityTest.Result zero = NonInferiorityTest.test(MetricType.CONTINUOUS, new SummaryStatistic(10, 0, 1),
                new SummaryStatistic(10, 1, 1), true, 0.1, 0.05);
        assertThat(zero.status()).isEqualTo(AnalysisStatus.ZERO_CONTROL_MEAN);
        assertInvalid(() -> NonInferiorityTest.test(MetricType.CONTINUOUS, new SummaryStatistic(10, 1, 1),
                new SummaryStatistic(10, 1, 1), true, -0.1, 0.05), "nonInferiorityMargin");
    }
}
