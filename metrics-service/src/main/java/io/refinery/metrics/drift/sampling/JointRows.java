package io.refinery.metrics.drift.sampling;

import java.util.Arrays;
import java.util.List;

/**
 * Joins one day's row-aligned samples of several features into rows. Each feature's sample keeps the values of the
 * samples with the smallest row priorities ({@link SampleHash#rowPriority}) among those that carry the feature, so a
 * sample carrying every feature whose priority is below every full sample's largest kept priority is in all of them:
 * the rows found in every feature's sample are a uniform random sample of the day's complete rows.
 */
public final class JointRows {

    private JointRows() {
    }

    /**
     * The rows (one value per feature, in the given order) whose priority every feature's sample holds.
     *
     * @param features one day's row-aligned sample per feature; at least one
     */
    public static double[][] join(List<BottomKSample> features) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("give at least one feature's sample");
        }
        int p = features.size();
        long[][] priorities = new long[p][];
        double[][] values = new double[p][];
        for (int f = 0; f < p; f++) {
            priorities[f] = features.get(f).priorities();
            values[f] = features.get(f).values();
        }
        int[] at = new int[p];
        double[][] rows = new double[priorities[0].length][];
        int n = 0;
        outer:
        for (int i = 0; i < priorities[0].length; i++) {
            long priority = priorities[0][i];
            double[] row = new double[p];
            row[0] = values[0][i];
            for (int f = 1; f < p; f++) {
                while (at[f] < priorities[f].length && priorities[f][at[f]] < priority) {
                    at[f]++;
                }
                if (at[f] == priorities[f].length) {
                    break outer;
                }
                if (priorities[f][at[f]] != priority) {
                    continue outer;
                }
                row[f] = values[f][at[f]];
            }
            rows[n++] = row;
        }
        return Arrays.copyOf(rows, n);
    }
}
