package io.refinery.metrics.domain;

import java.time.Instant;

/**
 * One closed or open period of a metric. {@code value} is Σnumerator/Σdenominator when every observation in it
 * was a rate, otherwise the mean of the values.
 */
public record RollupPoint(Instant start, double value, long count, double min, double max) {

    public static RollupPoint of(Instant start, long count, double sum, double min, double max, long ratioCount,
            double numeratorSum, double denominatorSum) {
        double value = ratioCount == count && denominatorSum > 0 ? numeratorSum / denominatorSum : sum / count;
        return new RollupPoint(start, value, count, min, max);
    }
}
