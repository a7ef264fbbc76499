package io.refinery.metrics.drift.stats;

/**
 * {@link Adwin}'s settings.
 *
 * @param delta the confidence: the bound on the probability of a false cut; in (0, 1)
 * @param clock splits are tested every {@code clock} values; at least 1
 * @param maxBuckets buckets kept per histogram row before the two oldest merge; at least 2
 * @param minSubWindow a split is tested only when both parts hold more than this many values; at least 1
 */
public record AdwinParameters(double delta, int clock, int maxBuckets, int minSubWindow) {

    /** The paper's and river's settings: delta 0.002, clock 32, 5 buckets per row, sub-windows above 5 values. */
    public static final AdwinParameters DEFAULTS = new AdwinParameters(0.002, 32, 5, 5);

    public AdwinParameters {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), was " + delta);
        }
        if (clock < 1) {
            throw new IllegalArgumentException("clock must be at least 1, was " + clock);
        }
        if (maxBuckets < 2) {
            throw new IllegalArgumentException("maxBuckets must be at least 2, was " + maxBuckets);
        }
        if (minSubWindow < 1) {
            throw new IllegalArgumentException("minSubWindow must be at least 1, was " + minSubWindow);
        }
    }
}
