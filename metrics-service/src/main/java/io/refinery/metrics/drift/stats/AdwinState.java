package io.refinery.metrics.drift.stats;

import java.util.List;

/**
 * Everything {@link Adwin} remembers, as it is persisted between evaluations.
 *
 * @param updates values taken since the detector was created (drives the clock)
 * @param width values in the window, the sum of the bucket sizes
 * @param total their sum
 * @param variance the sum of their squared deviations from their mean
 * @param buckets the histogram, oldest bucket first; sizes never increase along the list
 */
public record AdwinState(long updates, long width, double total, double variance, List<AdwinBucket> buckets) {

    /** The state of a fresh detector. */
    public static final AdwinState INITIAL = new AdwinState(0, 0, 0, 0, List.of());

    public AdwinState {
        buckets = List.copyOf(buckets);
        if (updates < 0) {
            throw new IllegalArgumentException("updates must be at least 0, was " + updates);
        }
        if (!Double.isFinite(total) || !Double.isFinite(variance) || variance < 0) {
            throw new IllegalArgumentException("total and variance must be finite, variance >= 0");
        }
        long sizes = 0;
        for (int i = 0; i < buckets.size(); i++) {
            sizes += buckets.get(i).size();
            if (i > 0 && buckets.get(i).size() > buckets.get(i - 1).size()) {
                throw new IllegalArgumentException("buckets must go from oldest (largest) to newest (smallest)");
            }
        }
        if (sizes != width) {
            throw new IllegalArgumentException("width (" + width + ") must equal the sum of the bucket sizes ("
                    + sizes + ")");
        }
    }
}
