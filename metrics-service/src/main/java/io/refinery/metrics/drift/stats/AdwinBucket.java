package io.refinery.metrics.drift.stats;

/**
 * One bucket of {@link Adwin}'s histogram: {@code size} consecutive values (a power of 2), their sum and the sum of their
 * squared deviations from their mean.
 */
public record AdwinBucket(long size, double total, double variance) {

    public AdwinBucket {
        if (size < 1 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("bucket size must be a power of 2, was " + size);
        }
        if (!Double.isFinite(total) || !Double.isFinite(variance) || variance < 0) {
            throw new IllegalArgumentException("bucket total and variance must be finite, variance >= 0");
        }
    }

    /** This bucket followed by {@code newer}, as one bucket (Chan et al.'s pairwise variance update). */
    AdwinBucket mergedWith(AdwinBucket newer) {
        double meanDifference = total / size - newer.total / newer.size;
        double pooledVariance = variance + newer.variance
                + (double) size * newer.size / (size + newer.size) * meanDifference * meanDifference;
        return new AdwinBucket(size + newer.size, total + newer.total, pooledVariance);
    }
}
