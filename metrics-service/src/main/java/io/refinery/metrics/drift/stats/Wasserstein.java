package io.refinery.metrics.drift.stats;

/**
 * The 1-Wasserstein (earth mover's) distance between two empirical distributions, normalized by the spread of the
 * reference.
 *
 * <p>Distance: {@code W1 = integral |F_ref(x) - F_cur(x)| dx}, scipy's {@code wasserstein_distance(ref, cur)}.
 * Between consecutive pooled values both empirical functions are constant, so the integral is a sum over one merge
 * pass of the two sorted samples.
 *
 * <p>Statistic: {@code W1 / max(std_ref, 0.001)}, where {@code std_ref} is the population standard deviation of the
 * reference ({@code np.std(ref)}, ddof 0). The floor of {@value #MIN_REFERENCE_STD} is Evidently's: a constant
 * reference has no spread to measure against, so a shift of the current values by {@code d} scores {@code 1000 d}
 * (any shift of at least 0.0001 reaches the default threshold of 0.1) and identical constants score 0. The floor is
 * in the data's own unit, so it matters only for references whose spread is that small.
 */
final class Wasserstein {

    /** The smallest reference standard deviation divided by. */
    static final double MIN_REFERENCE_STD = 0.001;

    private Wasserstein() {
    }

    /** {@code W1(reference, current) / max(std(reference), 0.001)}. */
    static double normalizedDistance(SortedValues reference, SortedValues current) {
        return distance(reference, current) / Math.max(reference.populationStandardDeviation(), MIN_REFERENCE_STD);
    }

    /** The 1-Wasserstein distance {@code W1(reference, current)}. */
    static double distance(SortedValues reference, SortedValues current) {
        double[] a = reference.array();
        double[] b = current.array();
        long m = a.length;
        long n = b.length;
        int i = 0;
        int j = 0;
        // Between the pooled values x and next, |F_a - F_b| = |i n - j m| / (m n) with i, j the counts <= x.
        double sum = 0;
        double compensation = 0; // Neumaier summation: the sum has up to two million terms
        double x = Math.min(a[0], b[0]);
        while (i < m || j < n) {
            while (i < m && a[i] == x) {
                i++;
            }
            while (j < n && b[j] == x) {
                j++;
            }
            if (i == m && j == n) {
                break;
            }
            double next = j == n || (i < m && a[i] <= b[j]) ? a[i] : b[j];
            double term = Math.abs(i * n - j * m) * (next - x);
            double total = sum + term;
            compensation += Math.abs(sum) >= Math.abs(term) ? (sum - total) + term : (term - total) + sum;
            sum = total;
            x = next;
        }
        return (sum + compensation) / ((double) m * n);
    }
}
