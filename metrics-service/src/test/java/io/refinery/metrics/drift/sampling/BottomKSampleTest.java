package io.refinery.metrics.drift.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BottomKSampleTest {

    private static long priority(int i) {
        return SampleHash.priority("reco-engine", "sample-" + i, "price");
    }

    /** Offers values {@code from..to-1} (value = index) in one batch. */
    private static boolean offerRange(BottomKSample sample, int from, int to) {
        long[] priorities = new long[to - from];
        double[] values = new double[to - from];
        for (int i = from; i < to; i++) {
            priorities[i - from] = priority(i);
            values[i - from] = i;
        }
        return sample.offerAll(priorities, values, to - from);
    }

    @Test
    void keepsTheValuesWithTheSmallestPrioritiesInPriorityOrder() {
        BottomKSample sample = BottomKSample.empty(3);
        sample.offerAll(new long[] {50, 10, 40, 30, 20}, new double[] {5, 1, 4, 3, 2}, 5);
        assertThat(sample.values()).containsExactly(1, 2, 3);
        assertThat(sample.size()).isEqualTo(3);
        assertThat(sample.seen()).isEqualTo(5);
        assertThat(sample.offerAll(new long[] {35}, new double[] {9}, 1)).isFalse();
        assertThat(sample.offerAll(new long[] {15}, new double[] {9}, 1)).isTrue();
        assertThat(sample.values()).containsExactly(1, 9, 2);
        assertThat(sample.seen()).isEqualTo(7);
    }

    @Test
    void theContentDoesNotDependOnArrivalOrderAndRepeatsChangeNothing() {
        BottomKSample forward = BottomKSample.empty(500);
        offerRange(forward, 0, 3000);
        offerRange(forward, 3000, 6000);
        BottomKSample backward = BottomKSample.empty(500);
        offerRange(backward, 3000, 6000);
        offerRange(backward, 0, 3000);
        assertThat(backward.encode()).isEqualTo(forward.encode());

        byte[] before = forward.encode();
        assertThat(offerRange(forward, 0, 6000)).isFalse();
        assertThat(forward.encode()).isEqualTo(before);
        // Repeats inside one batch count once in the content too.
        BottomKSample twice = BottomKSample.empty(10);
        twice.offerAll(new long[] {7, 7, 3}, new double[] {1, 1, 2}, 3);
        assertThat(twice.values()).containsExactly(2, 1);
    }

    @Test
    void encodesAndDecodesAndALowerCapacityKeepsTheSmallestPriorities() {
        BottomKSample sample = BottomKSample.empty(100);
        offerRange(sample, 0, 1000);
        BottomKSample copy = BottomKSample.decode(100, sample.seen(), sample.encode());
        assertThat(copy.values()).containsExactly(sample.values());
        assertThat(copy.seen()).isEqualTo(1000);
        BottomKSample smaller = BottomKSample.decode(10, sample.seen(), sample.encode());
        assertThat(smaller.values()).containsExactly(sample.firstValues(10));
        assertThat(BottomKSample.decode(5, 0, new byte[0]).size()).isZero();
        assertThatThrownBy(() -> BottomKSample.decode(5, 0, new byte[15])).isInstanceOf(IllegalArgumentException.class);
        BottomKSample two = BottomKSample.empty(2);
        two.offerAll(new long[] {1, 2}, new double[] {0, 0}, 2);
        byte[] unordered = two.encode();
        byte[] swapped = Arrays.copyOf(unordered, 32);
        System.arraycopy(unordered, 16, swapped, 0, 16);
        System.arraycopy(unordered, 0, swapped, 16, 16);
        assertThatThrownBy(() -> BottomKSample.decode(2, 2, swapped)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * 100,000 values 0..99,999 into a 10,000-value sample: the sample's distribution function stays within the DKW
     * bound of the population's (sqrt(ln(2 / 0.05) / 20,000) = 0.0136 at 95 %), and so does any prefix at its size.
     */
    @Test
    void theSampleIsUniformAndSoIsEachPrefix() {
        BottomKSample sample = BottomKSample.empty(10_000);
        for (int from = 0; from < 100_000; from += 10_000) {
            offerRange(sample, from, from + 10_000);
        }
        assertThat(sample.size()).isEqualTo(10_000);
        assertThat(sample.seen()).isEqualTo(100_000);
        assertThat(distanceFromUniform(sample.values(), 100_000)).isLessThan(0.0136);
        double[] prefix = sample.firstValues(1_000);
        assertThat(distanceFromUniform(prefix, 100_000)).isLessThan(Math.sqrt(Math.log(2 / 0.05) / (2 * 1_000)));
        assertThat(Arrays.stream(prefix).average().orElseThrow()).isCloseTo(50_000, within(3 * 28_868 / Math.sqrt(1_000)));
    }

    /** The largest gap between the empirical distribution function of {@code values} and uniform on [0, n). */
    private static double distanceFromUniform(double[] values, int n) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.length; i++) {
            double f = (sorted[i] + 1) / n;
            d = Math.max(d, Math.max(Math.abs(f - (double) (i + 1) / sorted.length), Math.abs(f - (double) i / sorted.length)));
        }
        return d;
    }
}
