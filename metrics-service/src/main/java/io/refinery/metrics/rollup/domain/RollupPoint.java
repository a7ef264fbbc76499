package io.refinery.metrics.rollup.domain;

import java.time.Instant;

/**
 * One period of a metric. {@code value} is Σnumerator/Σdenominator when every observation in it was a rate,
 * otherwise the mean of the values. {@code samples} is the period's sample size: Σdenominator for a rate
 * (e.g. impressions behind a CTR), otherwise the number of observations.
 */
public record RollupPoint(Instant start, double value, long count, long samples, double min, double max) {

    public static RollupPoint of(Instant start, long count, double sum, double min, double max, long ratioCount,
            double numeratorSum, double denominatorSum) {
        boolean rate = ratioCount == count && denominatorSum > 0;
        double value = rate ? numeratorSum / denominatorSum : sum / count;
        long samples = rate ? (long) Math.floor(denominatorSum) : count;
        return new RollupPoint(start, value, count, samples, min, max);
    }
}
