package io.refinery.metrics.drift.stats;

import static io.refinery.metrics.drift.stats.DriftSamples.A;
import static io.refinery.metrics.drift.stats.DriftSamples.B;
import static io.refinery.metrics.drift.stats.DriftSamples.T1;
import static io.refinery.metrics.drift.stats.DriftSamples.T2;
import static io.refinery.metrics.drift.stats.DriftSamples.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The p-value scipy's {@code ks_2samp} gives by default. Reference values: scipy 1.10.1 (Debian's python3-scipy),
 * {@code ks_2samp(reference, current, method=...)}; the samples are {@link DriftSamples} and the data files
 * {@code reference/ks-800-700.csv} and {@code reference/ks-300-300.csv} (numpy 1.24.2, seeded, written for issue 22).
 */
class KolmogorovSmirnovExactTest {

    @Test
    void smallSamplesGetTheExactDistribution() {
        // ks_2samp(A, B): 0.015306674749399209 (auto = exact); ks_2samp(T1, T2): 0.5237868426722917 (ties)
        KolmogorovSmirnov.Outcome ab = KolmogorovSmirnov.test(sorted(A), sorted(B));
        assertThat(ab.method()).isEqualTo(KolmogorovSmirnov.PValueMethod.EXACT);
        assertThat(ab.pValue()).isCloseTo(0.015306674749399209, within(1e-14));
        assertThat(KolmogorovSmirnov.test(sorted(T1), sorted(T2)).pValue()).isCloseTo(0.5237868426722917, within(1e-14));
    }

    @Test
    void eightHundredAgainstSevenHundredMatchesScipysDefaultAndNotTheLimit() {
        // ks_2samp(ref, cur) = (0.06428571428571428, 0.08703833639531816) for 'auto' and 'exact';
        // method='asymp' gives 0.08770385536000436
        KolmogorovSmirnov.Outcome r = KolmogorovSmirnov.test(values("ks-800-700.csv", "reference"),
                values("ks-800-700.csv", "current"));
        assertThat(r.statistic()).isCloseTo(0.06428571428571428, within(1e-15));
        assertThat(r.method()).isEqualTo(KolmogorovSmirnov.PValueMethod.EXACT);
        assertThat(r.pValue()).isCloseTo(0.08703833639531816, within(1e-12));
        // The finite-N asymptotic form scipy uses above 10,000 values, on the same D: kstwo.sf(D, round(en)).
        assertThat(1 - new org.hipparchus.stat.inference.KolmogorovSmirnovTest().cdf(r.statistic(),
                (int) Math.round(800.0 * 700 / 1500))).isCloseTo(0.08770385536000436, within(1e-9));
    }

    @Test
    void equalSizesUseTheSquareFormula() {
        // ks_2samp(ref, cur) on ks-300-300.csv = (0.17, 0.00033397069759294196), exact
        KolmogorovSmirnov.Outcome r = KolmogorovSmirnov.test(values("ks-300-300.csv", "reference"),
                values("ks-300-300.csv", "current"));
        assertThat(r.statistic()).isCloseTo(0.17, within(1e-15));
        assertThat(r.pValue()).isCloseTo(0.00033397069759294196, within(1e-15));
        // The band recursion gives the same value as the closed form (n = m takes the closed form).
        long gap = KolmogorovSmirnov.gap(values("ks-300-300.csv", "reference"), values("ks-300-300.csv", "current"));
        assertThat(gap).isEqualTo(51 * 300);
    }

    @Test
    void theExtremesAreOneAndTheSmallestPossible() {
        // No gap: p = 1. Complete separation of 5 and 6 values: 2 / C(11, 5) = 2 / 462 (ks_2samp: 0.004329004329004329)
        assertThat(KolmogorovSmirnovExact.pValue(0, 5, 6)).isEqualTo(1.0);
        assertThat(KolmogorovSmirnovExact.pValue(30, 5, 6)).isCloseTo(0.004329004329004329, within(1e-15));
        assertThat(KolmogorovSmirnovExact.pValue(36, 6, 6)).isCloseTo(2.0 / 924, within(1e-15));
    }

    private static SortedValues values(String file, String sample) {
        try (InputStream in = KolmogorovSmirnovExactTest.class.getResourceAsStream("/reference/" + file)) {
            double[] values = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith(sample + ",")).mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1)))
                    .toArray();
            return sorted(values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
