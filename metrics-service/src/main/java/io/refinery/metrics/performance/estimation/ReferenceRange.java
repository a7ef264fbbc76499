package io.refinery.metrics.performance.estimation;

import java.util.Arrays;
import java.util.Objects;

/**
 * The range a metric keeps on the reference, NannyML's default {@code StandardDeviationThreshold}: the mean of the
 * metric's realized values on the reference chunks ± 3 population standard deviations (numpy's {@code np.std}, ddof =
 * 0). An estimate outside it is an alert. NaN chunk values are ignored (NannyML would return NaN); with fewer than 2
 * values left, every component is NaN. NannyML also clips the range to the metric's [0, 1]; this does not. Reference
 * values: numpy ({@code reference/performance/cbpe-reference.py}).
 *
 * @param lower mean − 3·std
 * @param upper mean + 3·std
 */
public record ReferenceRange(double mean, double std, double lower, double upper) {

    public static final double WIDTH = 3;

    public ReferenceRange {
        if (std < 0 || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std must be finite and ≥ 0, or NaN; was " + std);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("lower must not exceed upper, were " + lower + " and " + upper);
        }
    }

    public static ReferenceRange of(double[] chunkValues) {
        Objects.requireNonNull(chunkValues, "chunkValues");
        double[] values = Arrays.stream(chunkValues).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length < 2) {
            return new ReferenceRange(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = SamplingErrors.mean(values);
        double std = populationStd(values, mean);
        return new ReferenceRange(mean, std, mean - WIDTH * std, mean + WIDTH * std);
    }

    /** True when {@code value} lies below {@link #lower} or above {@link #upper}; false for NaN on either side. */
    public boolean outside(double value) {
        return value < lower || value > upper;
    }

    /** √(mean((v − mean)²)); NaN for no values. */
    static double populationStd(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
