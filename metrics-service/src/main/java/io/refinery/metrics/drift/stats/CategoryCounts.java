package io.refinery.metrics.drift.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How often each category occurs in the reference and in the current sample, over the union of the categories of
 * both: position {@code k} of {@link #reference()} and {@link #current()} is the same category, and a category absent
 * from one sample has count 0 there. The categories' names are not kept; the methods need only the counts.
 *
 * <p>Numerical values are categories by their value ({@code -0.0} and {@code 0.0} are one category).
 */
final class CategoryCounts {

    private final long[] reference;
    private final long[] current;
    private final long referenceTotal;
    private final long currentTotal;

    private CategoryCounts(long[] reference, long[] current) {
        this.reference = reference;
        this.current = current;
        this.referenceTotal = Arrays.stream(reference).sum();
        this.currentTotal = Arrays.stream(current).sum();
    }

    /** Counts of labels, by equality of the strings. */
    static CategoryCounts ofLabels(String[] reference, String[] current) {
        Map<String, Integer> positions = new HashMap<>();
        long[][] counts = {new long[16], new long[16]};
        String[][] samples = {reference, current};
        for (int side = 0; side < 2; side++) {
            for (String label : samples[side]) {
                Integer position = positions.get(label);
                if (position == null) {
                    position = positions.size();
                    positions.put(label, position);
                    if (position == counts[0].length) {
                        counts[0] = Arrays.copyOf(counts[0], 2 * position);
                        counts[1] = Arrays.copyOf(counts[1], 2 * position);
                    }
                }
                counts[side][position]++;
            }
        }
        int categories = positions.size();
        return new CategoryCounts(Arrays.copyOf(counts[0], categories), Arrays.copyOf(counts[1], categories));
    }

    /** Counts of numerical values, each distinct value a category; one merge pass over the sorted samples. */
    static CategoryCounts ofValues(SortedValues reference, SortedValues current) {
        double[] a = reference.array();
        double[] b = current.array();
        long[] referenceCounts = new long[a.length + b.length];
        long[] currentCounts = new long[a.length + b.length];
        int categories = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            double x = j == b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            int start = i;
            while (i < a.length && a[i] == x) {
                i++;
            }
            referenceCounts[categories] = i - start;
            start = j;
            while (j < b.length && b[j] == x) {
                j++;
            }
            currentCounts[categories] = j - start;
            categories++;
        }
        return new CategoryCounts(Arrays.copyOf(referenceCounts, categories), Arrays.copyOf(currentCounts, categories));
    }

    /** The number of categories in the union. */
    int size() {
        return reference.length;
    }

    /** Reference counts per category; never to be modified. */
    long[] reference() {
        return reference;
    }

    /** Current counts per category, aligned with {@link #reference()}; never to be modified. */
    long[] current() {
        return current;
    }

    long referenceTotal() {
        return referenceTotal;
    }

    long currentTotal() {
        return currentTotal;
    }
}
