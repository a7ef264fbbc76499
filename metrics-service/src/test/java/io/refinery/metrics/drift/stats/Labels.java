package io.refinery.metrics.drift.stats;

import java.util.ArrayList;
import java.util.List;

/** Builds label samples from counts, interleaved so that no category comes in one block. */
final class Labels {

    private Labels() {
    }

    /**
     * A sample with {@code counts[k]} copies of {@code categories[k]}, taking one of each remaining category in turn;
     * e.g. {@code of({"a", "b"}, 2, 1)} is {@code ["a", "b", "a"]}. Categories beyond {@code counts} are not used.
     */
    static String[] of(String[] categories, long... counts) {
        long[] left = counts.clone();
        List<String> labels = new ArrayList<>();
        boolean any = true;
        while (any) {
            any = false;
            for (int k = 0; k < left.length; k++) {
                if (left[k] > 0) {
                    labels.add(categories[k]);
                    left[k]--;
                    any = true;
                }
            }
        }
        return labels.toArray(String[]::new);
    }
}
