package io.refinery.metrics.alerting.evaluation;

import java.util.Arrays;
import java.util.List;

/**
 * How a trailing baseline summarises its window of period values.
 *
 * <ul>
 *   <li>{@link #MEAN}: the arithmetic mean.</li>
 *   <li>{@link #MEDIAN}: the middle value; for an even count, the mean of the two middle values.</li>
 * </ul>
 */
public enum BaselineStatistic {
    MEAN,
    MEDIAN;

    /**
     * The statistic of {@code values}.
     *
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public double of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values must not be empty");
        }
        return this == MEAN ? mean(values) : median(values);
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.size();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[middle];
        }
        double lower = sorted[middle - 1];
        double upper = sorted[middle];
        return lower + (upper - lower) / 2;
    }
}
