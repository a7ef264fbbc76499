package io.refinery.metrics.drift.stats;

import java.util.Arrays;

/**
 * A numerical sample sorted ascending, so that the methods can work in one pass over it. Built from a sorted copy;
 * the caller's array is left alone. Values are assumed finite ({@link DriftInput} checks that). {@code -0.0} and
 * {@code 0.0} are the same value here, as everywhere in this package.
 */
final class SortedValues {

    private final double[] values;

    private SortedValues(double[] values) {
        this.values = values;
    }

    /** A sorted copy of {@code values}, which must not be empty. */
    static SortedValues copyOf(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new SortedValues(copy);
    }

    int size() {
        return values.length;
    }

    /** The sorted values themselves, for single-pass algorithms in this package; never to be modified. */
    double[] array() {
        return values;
    }

    /** Whether there are more than {@code limit} distinct values; stops counting once the answer is known. */
    boolean hasMoreDistinctValuesThan(int limit) {
        int distinct = 1;
        for (int i = 1; i < values.length; i++) {
            if (values[i] != values[i - 1] && ++distinct > limit) {
                return true;
            }
        }
        return distinct > limit;
    }

    /** The arithmetic mean. */
    double mean() {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /**
     * The population standard deviation (divisor n, numpy's {@code np.std} with its default {@code ddof=0}), computed
     * in two passes: the mean, then the mean squared deviation from it.
     */
    double populationStandardDeviation() {
        double mean = mean();
        double sumOfSquares = 0;
        for (double value : values) {
            double deviation = value - mean;
            sumOfSquares += deviation * deviation;
        }
        return Math.sqrt(sumOfSquares / values.length);
    }

    /**
     * The {@code q} quantile ({@code 0 <= q <= 1}) by linear interpolation between closest ranks, numpy's default
     * ({@code np.quantile(a, q)}, method "linear", Hyndman and Fan type 7): with {@code h = (n - 1) q}, the value
     * {@code a[floor(h)] + (h - floor(h)) (a[floor(h) + 1] - a[floor(h)])}. Like numpy, the interpolation is
     * computed from the upper neighbour when the fraction is at least 0.5, which makes the result exact at both
     * ends and bit-identical to numpy's.
     */
    double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be between 0 and 1, was " + q);
        }
        int last = values.length - 1;
        double position = last * q;
        if (position >= last) {
            return values[last];
        }
        int below = (int) Math.floor(position);
        double fraction = position - below;
        double lower = values[below];
        double upper = values[below + 1];
        double difference = upper - lower;
        return fraction >= 0.5 ? upper - difference * (1 - fraction) : lower + difference * fraction;
    }
}
