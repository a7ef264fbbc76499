package io.refinery.metrics.drift.stats;

import static io.refinery.metrics.drift.stats.DriftSamples.A;
import static io.refinery.metrics.drift.stats.DriftSamples.B;
import static io.refinery.metrics.drift.stats.DriftSamples.D1;
import static io.refinery.metrics.drift.stats.DriftSamples.D2;
import static io.refinery.metrics.drift.stats.DriftSamples.N120;
import static io.refinery.metrics.drift.stats.DriftSamples.N150S;
import static io.refinery.metrics.drift.stats.DriftSamples.T1;
import static io.refinery.metrics.drift.stats.DriftSamples.T2;
import static io.refinery.metrics.drift.stats.DriftSamples.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Reference values: scipy 1.17.1. Statistic: {@code ks_2samp(ref, cur).statistic}, tolerance 1e-15. p-value:
 * {@code kstwobign.sf(D * np.sqrt(m * n / (m + n)))}, tolerance 1e-10 relative. Each test names the samples (see
 * {@link DriftSamples}).
 */
class KolmogorovSmirnovTest {

    private static final double STATISTIC_TOLERANCE = 1e-15;
    private static final double P_VALUE_PERCENT = 1e-8; // 1e-10 relative

    @Test
    void shiftedSmallSamples() {
        // ks_2samp(A, B).statistic = 0.6333333333333334; kstwobign.sf(D * np.sqrt(10 * 12 / 22)) = 0.025157168696820217
        double d = KolmogorovSmirnov.statistic(sorted(A), sorted(B));

        assertThat(d).isCloseTo(0.6333333333333334, within(STATISTIC_TOLERANCE));
        assertThat(KolmogorovSmirnov.pValue(d, 10, 12)).isCloseTo(0.025157168696820217,
                withinPercentage(P_VALUE_PERCENT));
    }

    @Test
    void tiesAreCountedOnBothSidesBeforeComparing() {
        // ks_2samp(T1, T2).statistic = 0.32727272727272727 (= 18/55); kstwobign.sf(D * np.sqrt(10 * 11 / 21))
        // = 0.6288080555457296
        double d = KolmogorovSmirnov.statistic(sorted(T1), sorted(T2));

        assertThat(d).isCloseTo(0.32727272727272727, within(STATISTIC_TOLERANCE));
        assertThat(KolmogorovSmirnov.pValue(d, 10, 11)).isCloseTo(0.6288080555457296,
                withinPercentage(P_VALUE_PERCENT));
    }

    @Test
    void disjointSupportsGiveDOfOne() {
        // ks_2samp(D1, D2).statistic = 1.0; kstwobign.sf(1.0 * np.sqrt(5 * 6 / 11)) = 0.008553640029282421
        double d = KolmogorovSmirnov.statistic(sorted(D1), sorted(D2));

        assertThat(d).isEqualTo(1.0);
        assertThat(KolmogorovSmirnov.pValue(d, 5, 6)).isCloseTo(0.008553640029282421,
                withinPercentage(P_VALUE_PERCENT));
        assertThat(KolmogorovSmirnov.statistic(sorted(D2), sorted(D1))).isEqualTo(1.0);
    }

    @Test
    void identicalSamplesGiveZeroAndPOne() {
        // ks_2samp(A, A) = (0.0, 1.0)
        double d = KolmogorovSmirnov.statistic(sorted(A), sorted(A));

        assertThat(d).isZero();
        assertThat(KolmogorovSmirnov.pValue(d, 10, 10)).isEqualTo(1.0);
    }

    @Test
    void seededNormalSamples() {
        // ks_2samp(N120, N150S).statistic = 0.255;
        // kstwobign.sf(0.255 * np.sqrt(120 * 150 / 270)) = 0.00034331820844732365
        double d = KolmogorovSmirnov.statistic(sorted(N120), sorted(N150S));

        assertThat(d).isCloseTo(0.255, within(STATISTIC_TOLERANCE));
        assertThat(KolmogorovSmirnov.pValue(d, 120, 150)).isCloseTo(0.00034331820844732365,
                withinPercentage(P_VALUE_PERCENT));
    }

    /**
     * scipy's {@code ks_2samp(ref, cur, method='asymp').pvalue} is {@code kstwo.sf(D, round(en))}, not the limiting
     * distribution. Hipparchus' exact one-sample CDF ({@code KolmogorovSmirnovTest.cdf(d, n)}, Durbin's matrix method)
     * reproduces it, which pins down what scipy computes; our p-value is the limiting one and is larger:
     *
     * <pre>
     *   samples      D        en      round(en)  ours: kstwobign.sf     scipy asymp: kstwo.sf   gap
     *   A, B         0.6333   5.45    5          0.025157168696820217  0.0181420576131687      +0.0070
     *   T1, T2       0.3273   5.24    5          0.6288080555457296    0.5564249337166489      +0.0724
     *   D1, D2       1.0      2.73    3          0.008553640029282421  0.0                     +0.0086
     *   N120, N150S  0.255    66.67   67         0.00034331820844732365 0.00025004456513128844 +0.00009
     * </pre>
     *
     * The limiting form is always the larger, i.e. the more conservative. The relative gap shrinks as en grows but
     * is largest in the tail: near p = 0.05 ({@code x = sqrt(en) D = 1.358}) it is 13 % at en = 67, 4 % at en = 500
     * and 1.3 % at en = 5000; at {@code x = 2.5} it is 55 %, 11 % and 2.7 % ({@code kstwobign.sf(x) /
     * kstwo.sf(x / np.sqrt(en), en) - 1}).
     */
    @Test
    void scipyAsympIsTheFiniteSampleDistributionAtRoundedEn() {
        var exact = new org.hipparchus.stat.inference.KolmogorovSmirnovTest();
        // ks_2samp(A, B, method='asymp').pvalue = 0.0181420576131687
        assertThat(1 - exact.cdf(0.6333333333333334, 5)).isCloseTo(0.0181420576131687, withinPercentage(1e-6));
        // ks_2samp(T1, T2, method='asymp').pvalue = 0.5564249337166489
        assertThat(1 - exact.cdf(0.32727272727272727, 5)).isCloseTo(0.5564249337166489, withinPercentage(1e-6));
        // ks_2samp(N120, N150S, method='asymp').pvalue = 0.00025004456513128844
        assertThat(1 - exact.cdf(0.255, 67)).isCloseTo(0.00025004456513128844, withinPercentage(1e-4));

        assertThat(KolmogorovSmirnov.pValue(0.6333333333333334, 10, 12)).isGreaterThan(0.0181420576131687);
        assertThat(KolmogorovSmirnov.pValue(0.32727272727272727, 10, 11)).isGreaterThan(0.5564249337166489);
    }
}
