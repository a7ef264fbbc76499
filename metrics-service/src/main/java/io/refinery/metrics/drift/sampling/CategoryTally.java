package io.refinery.metrics.drift.sampling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact counts of the labels of one categorical feature, with a cap on distinct labels so that a feature with
 * unbounded cardinality (ids sent as a "category") cannot grow without bound: once {@code maxCategories} labels are
 * known, values of any new label are counted under {@link #OTHER}. Labels already known keep being counted exactly.
 */
public final class CategoryTally {

    /** Where values of labels beyond the cap are counted. */
    public static final String OTHER = "(other)";

    private final int maxCategories;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long total;

    /** An empty tally. */
    public CategoryTally(int maxCategories) {
        if (maxCategories < 1) {
            throw new IllegalArgumentException("maxCategories must be at least 1, was " + maxCategories);
        }
        this.maxCategories = maxCategories;
    }

    /** A tally holding {@code counts} (e.g. as stored), then capped like any other addition. */
    public static CategoryTally of(int maxCategories, Map<String, Long> counts) {
        CategoryTally tally = new CategoryTally(maxCategories);
        counts.forEach(tally::add);
        return tally;
    }

    /** Counts {@code count} more values of {@code label}. */
    public void add(String label, long count) {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be at least 0, was " + count);
        }
        if (count == 0) {
            return;
        }
        String key = counts.containsKey(label) || distinctLabels() < maxCategories ? label : OTHER;
        counts.merge(key, count, Long::sum);
        total += count;
    }

    /** Label to count, in first-seen order; read-only. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** All values counted. */
    public long total() {
        return total;
    }

    private int distinctLabels() {
        return counts.containsKey(OTHER) ? counts.size() - 1 : counts.size();
    }
}
