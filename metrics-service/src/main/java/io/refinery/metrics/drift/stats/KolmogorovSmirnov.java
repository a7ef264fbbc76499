package io.refinery.metrics.drift.stats;

/**
 * The two-sample Kolmogorov–Smirnov test.
 *
 * <p>Statistic: {@code D = sup_x |F_ref(x) - F_cur(x)|}, the largest gap between the two empirical distribution
 * functions (scipy's {@code ks_2samp(...).statistic}). Ties are handled exactly: both functions are evaluated after
 * all values equal to {@code x} have been counted on both sides.
 *
 * <p>p-value (two-sided): the Kolmogorov limiting distribution at {@code sqrt(en) D} with {@code en = m n / (m +
 * n)}, i.e. scipy's {@code kstwobign.sf(D * sqrt(en))} (see {@link KolmogorovDistribution}).
 *
 * <p>Not scipy's {@code ks_2samp(method='asymp')}: that one returns {@code kstwo.sf(D, round(en))}, the exact
 * distribution of the <em>one-sample</em> statistic {@code D_N} with {@code N = round(en)}, a finite-sample
 * correction of the same limit. The two agree as {@code en} grows, but for small samples the limiting form is larger
 * (more conservative) and the gap can change a decision at 0.05: for m = 8, n = 10 and D = 0.5 (en = 4.44, N = 4)
 * it gives 0.2165 against 0.1875, for m = n = 100 and D = 0.3, 2.47e-4 against 1.74e-4. The limiting form is used here
 * because it is what the definition asks for, is cheap at any size, and its error is on the safe side (fewer false
 * alarms); {@code KolmogorovSmirnovTest} shows both against scipy.
 *
 * <p>Cost: one merge pass over the two sorted samples.
 */
final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {
    }

    /** The statistic D of the two samples. */
    static double statistic(SortedValues reference, SortedValues current) {
        double[] a = reference.array();
        double[] b = current.array();
        long m = a.length;
        long n = b.length;
        int i = 0;
        int j = 0;
        // |F_a - F_b| = |i/m - j/n| = |i n - j m| / (m n): kept as an exact integer until the end.
        long largestGap = 0;
        while (i < m && j < n) {
            double x = a[i] <= b[j] ? a[i] : b[j];
            while (i < m && a[i] == x) {
                i++;
            }
            while (j < n && b[j] == x) {
                j++;
            }
            largestGap = Math.max(largestGap, Math.abs(i * n - j * m));
        }
        // Once one sample is used up its function is 1 and the gap can only shrink: nothing more to find.
        return largestGap / ((double) m * n);
    }

    /** The two-sided asymptotic p-value {@code Q(sqrt(m n / (m + n)) D)} for samples of sizes m and n. */
    static double pValue(double statistic, int m, int n) {
        double effectiveSize = (double) m * n / ((double) m + n);
        return KolmogorovDistribution.survival(Math.sqrt(effectiveSize) * statistic);
    }
}
