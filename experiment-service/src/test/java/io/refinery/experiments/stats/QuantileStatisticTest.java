package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static io.refinery.experiments.stats.TwoProportionZTestTest.assertDegenerate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Quantile metrics. The arms are {@code reference/quantile-latency.csv} (400 and 450 response latencies); the
 * reference values are R 4.2.2's (Debian's r-base-core) on the same file:
 * <pre>
 *   n &lt;- length(x); s &lt;- sort(x); r &lt;- qbinom(0.025, n, q); u &lt;- qbinom(0.975, n, q) + 1
 *   est &lt;- quantile(x, q, type = 7); lower &lt;- s[r]; upper &lt;- s[u]; se &lt;- (upper - lower) / (2 * qnorm(0.975))
 *   coverage &lt;- pbinom(u - 1, n, q) - pbinom(r - 1, n, q)
 *   z &lt;- (est_t - est_c) / sqrt(se_c^2 + se_t^2); p &lt;- 2 * pnorm(-abs(z)); chance &lt;- pnorm(z)
 *   lift &lt;- est_t / est_c - 1; ci &lt;- lift -/+ qnorm(0.975) * sqrt(se_t^2 / est_c^2 + est_t^2 * se_c^2 / est_c^4)
 * </pre>
 */
class QuantileStatisticTest {

    private static double[] arm(String name) {
        try (InputStream in = QuantileStatisticTest.class.getResourceAsStream("/reference/quantile-latency.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith(name + ",")).toList();
            return lines.stream().mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1))).toArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final double[] CONTROL = arm("control");
    private static final double[] TREATMENT = arm("treatment");

    @Test
    void medianEstimateAndOrderStatisticIntervalMatchR() {
        // R: n 400 est 143.35000000000002 r 180 s 221 lower 133.7 upper 154.3 coverage 0.95976926031936194
        //    se 5.2551986063239431; n 450 est 140.55000000000001 r 204 s 247 lower 131.1 upper 147.8 se 4.2602823653208661
        QuantileStatistic c = QuantileStatistic.of(CONTROL, 0.5);
        QuantileStatistic t = QuantileStatistic.of(TREATMENT, 0.5);
        assertThat(c.units()).isEqualTo(400);
        assertThat(c.estimate()).isCloseTo(143.35000000000002, within(1e-12));
        assertThat(QuantileStatistic.ranks(400, 0.5)).containsExactly(180, 221);
        assertThat(c.lower()).isEqualTo(133.7);
        assertThat(c.upper()).isEqualTo(154.3);
        assertThat(c.standardError()).isCloseTo(5.2551986063239431, within(1e-12));
        assertThat(t.estimate()).isCloseTo(140.55000000000001, within(1e-12));
        assertThat(QuantileStatistic.ranks(450, 0.5)).containsExactly(204, 247);
        assertThat(t.standardError()).isCloseTo(4.2602823653208661, within(1e-12));
    }

    @Test
    void p90ComparisonMatchesR() {
        // R: control est 312.1 r 348 s 372 lower 287 upper 339.1 se 13.291060552887245 (coverage 0.9548)
        //    treatment est 293.29000000000008 r 392 s 418 lower 269 upper 325.2 se 14.336998139582777 (coverage 0.9592)
        //    p 0.33597465741339244 lift -0.060269144504966232 ci -0.17967855933374632 0.059140270323813846
        //    chance 0.16798732870669622
        QuantileStatistic c = QuantileStatistic.of(CONTROL, 0.9);
        QuantileStatistic t = QuantileStatistic.of(TREATMENT, 0.9);
        assertThat(c.estimate()).isCloseTo(312.1, within(1e-12));
        assertThat(t.estimate()).isCloseTo(293.29000000000008, within(1e-12));
        assertThat(c.lower()).isEqualTo(287.0);
        assertThat(t.upper()).isEqualTo(325.2);

        ComparisonResult r = ExperimentComparison.compare(new ComparisonRequest(MetricType.QUANTILE,
                InferenceMethod.FREQUENTIST, c, t));
        assertThat(r.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(r.pValue()).isCloseTo(0.33597465741339244, within(1e-12));
        assertThat(r.relativeLift()).isCloseTo(-0.060269144504966232, within(1e-13));
        assertThat(r.absoluteDifference()).isCloseTo(293.29000000000008 - 312.1, within(1e-10));
        assertThat(r.confidenceInterval().lower()).isCloseTo(-0.17967855933374632, within(1e-12));
        assertThat(r.confidenceInterval().upper()).isCloseTo(0.059140270323813846, within(1e-12));

        ComparisonResult bayes = ExperimentComparison.compare(new ComparisonRequest(MetricType.QUANTILE,
                InferenceMethod.BAYESIAN, c, t));
        assertThat(bayes.chanceToBeatControl()).isCloseTo(0.16798732870669622, within(1e-12));
    }

    @Test
    void aFrequencyTableGivesTheSameStatisticAsTheValues() {
        // What results read: one row per distinct value with its count of units (zero counts included, as a table
        // whose units moved away leaves them).
        java.util.TreeMap<Double, Long> table = new java.util.TreeMap<>();
        for (double v : CONTROL) {
            table.merge(v, 1L, Long::sum);
        }
        table.put(-1.0, 0L);
        double[] values = table.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        long[] counts = table.values().stream().mapToLong(Long::longValue).toArray();
        assertThat(values.length).isLessThan(CONTROL.length);
        for (double q : new double[] { 0.05, 0.5, 0.9, 0.99 }) {
            assertThat(QuantileStatistic.ofCounts(values, counts, q)).isEqualTo(QuantileStatistic.of(CONTROL, q));
        }
        assertThat(QuantileStatistic.ofCounts(new double[] { 3 }, new long[] { 0 }, 0.5).units()).isZero();
    }

    @Test
    void ranksMatchRsQbinom() {
        // R: qbinom(0.025, n, q) and qbinom(0.975, n, q) + 1
        assertThat(QuantileStatistic.ranks(30, 0.5)).containsExactly(10, 21);
        assertThat(QuantileStatistic.ranks(1_000_000, 0.9)).containsExactly(899_412, 900_589);
        // n = 5, q = 0.9: s = 6 > n, there is no 95 % interval
        assertThat(QuantileStatistic.ranks(5, 0.9)).isNull();
    }

    @Test
    void theEstimateInterpolatesLikeRsType7() {
        // R: quantile(1:10, 0.9, type = 7) = 9.1
        assertThat(QuantileStatistic.of(new double[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 0.9).estimate())
                .isCloseTo(9.1, within(1e-12));
        assertThat(QuantileStatistic.of(new double[] { 4 }, 0.5).estimate()).isEqualTo(4.0);
    }

    @Test
    void tooFewUnitsOrNoSpreadCannotBeCompared() {
        QuantileStatistic five = QuantileStatistic.of(new double[] { 1, 2, 3, 4, 5 }, 0.9);
        assertThat(five.hasInterval()).isFalse();
        assertDegenerate(ExperimentComparison.compare(new ComparisonRequest(MetricType.QUANTILE,
                InferenceMethod.FREQUENTIST, QuantileStatistic.of(CONTROL, 0.9), five)), AnalysisStatus.NOT_ENOUGH_UNITS);
        double[] flat = new double[100];
        java.util.Arrays.fill(flat, 7);
        assertDegenerate(ExperimentComparison.compare(new ComparisonRequest(MetricType.QUANTILE,
                InferenceMethod.FREQUENTIST, QuantileStatistic.of(flat, 0.5), QuantileStatistic.of(flat, 0.5))),
                AnalysisStatus.ZERO_VARIANCE);
        assertDegenerate(ExperimentComparison.compare(new ComparisonRequest(MetricType.QUANTILE,
                InferenceMethod.FREQUENTIST, QuantileStatistic.of(new double[0], 0.5), QuantileStatistic.of(flat, 0.5))),
                AnalysisStatus.NO_UNITS);
    }

    @Test
    void inconsistentInputIsRejectedNamingTheField() {
        assertInvalid(() -> QuantileStatistic.of(CONTROL, 1.0), "quantile");
        assertInvalid(() -> new QuantileStatistic(10, 0.5, 3, 4, 2).validate("control"), "control.upper");
        assertInvalid(() -> new QuantileStatistic(10, 0.5, 3, Double.NaN, 2).validate("control"), "control.lower");
        assertInvalid(() -> new ComparisonRequest(MetricType.QUANTILE, InferenceMethod.FREQUENTIST,
                QuantileStatistic.of(CONTROL, 0.5), QuantileStatistic.of(TREATMENT, 0.9)), "treatment.quantile");
        assertInvalid(() -> new ComparisonRequest(MetricType.QUANTILE, InferenceMethod.FREQUENTIST,
                new SummaryStatistic(10, 1, 1), QuantileStatistic.of(TREATMENT, 0.9)), "control");
    }
}
