package io.refinery.metrics.drift.stats;

import static io.refinery.metrics.drift.stats.DriftSamples.A;
import static io.refinery.metrics.drift.stats.DriftSamples.N120;
import static io.refinery.metrics.drift.stats.DriftSamples.T1;
import static io.refinery.metrics.drift.stats.DriftSamples.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values: numpy 2.4.6, {@code np.quantile} (default method "linear") and {@code np.std} (ddof 0). */
class SortedValuesTest {

    @Test
    void decilesMatchNumpyBitForBit() {
        // np.quantile(A, np.arange(1, 10) / 10); exact equality: the interpolation is the same expression as numpy's
        assertThat(deciles(A)).containsExactly(-0.668, -0.22799999999999998, 0.002999999999999947, 0.198,
                0.32999999999999996, 0.45799999999999985, 0.596, 0.672, 0.956);
        // np.quantile(N120, np.arange(1, 10) / 10)
        assertThat(deciles(N120)).containsExactly(7.888, 8.48, 9.095999999999998, 9.67, 10.105, 10.58, 11.179,
                11.873999999999999, 12.350999999999999);
    }

    @Test
    void decilesOfTiedValuesRepeat() {
        // np.quantile(T1, np.arange(1, 10) / 10) with T1 = [1, 2, 2, 3, 3, 3, 4, 4, 5, 6]
        assertThat(deciles(T1)).containsExactly(1.9, 2.0, 2.6999999999999997, 3.0, 3.0, 3.3999999999999995, 4.0,
                4.2, 5.1);
    }

    @Test
    void quantilesOfTinySamples() {
        // np.quantile([4.2], q) is 4.2 for every q; np.quantile([1.0, 3.0], np.arange(1, 10) / 10) = 1.2, 1.4, ..., 2.8
        assertThat(deciles(4.2)).containsOnly(4.2);
        assertThat(deciles(3.0, 1.0)).containsExactly(1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 2.4, 2.6, 2.8);
        assertThat(sorted(3.0, 1.0).quantile(0)).isEqualTo(1.0);
        assertThat(sorted(3.0, 1.0).quantile(1)).isEqualTo(3.0);
    }

    @Test
    void populationStandardDeviationMatchesNumpy() {
        // np.std(A) = 0.6727265417686447, np.std(N120) = 1.842357117933437; tolerance 1e-15 relative
        assertThat(sorted(A).populationStandardDeviation()).isCloseTo(0.6727265417686447, within(1e-15));
        assertThat(sorted(N120).populationStandardDeviation()).isCloseTo(1.842357117933437, within(2e-15));
        assertThat(sorted(5, 5, 5).populationStandardDeviation()).isZero();
    }

    @Test
    void countsDistinctValuesUpToALimit() {
        // T1 has 6 distinct values: 1..6
        assertThat(sorted(T1).hasMoreDistinctValuesThan(5)).isTrue();
        assertThat(sorted(T1).hasMoreDistinctValuesThan(6)).isFalse();
        assertThat(sorted(7).hasMoreDistinctValuesThan(0)).isTrue();
        assertThat(sorted(-0.0, 0.0).hasMoreDistinctValuesThan(1)).as("-0.0 and 0.0 are one value").isFalse();
    }

    @Test
    void sortsACopy() {
        double[] values = {3, 1, 2};

        SortedValues sorted = SortedValues.copyOf(values);

        assertThat(sorted.array()).containsExactly(1, 2, 3);
        assertThat(values).containsExactly(3, 1, 2);
    }

    private static double[] deciles(double... values) {
        SortedValues sorted = sorted(values);
        double[] deciles = new double[9];
        for (int k = 1; k <= 9; k++) {
            deciles[k - 1] = sorted.quantile(k / 10.0);
        }
        return deciles;
    }
}
