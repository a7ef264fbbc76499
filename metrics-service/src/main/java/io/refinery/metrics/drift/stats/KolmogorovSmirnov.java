package io.refinery.metrics.drift.stats;

/**
 * The two-sample Kolmogorov–Smirnov test.
 *
 * <p>Statistic: {@code D = sup_x |F_ref(x) - F_cur(x)|}, the largest gap between the two empirical distribution
 * functions (scipy's {@code ks_2samp(...).statistic}). Ties are handled exactly: both functions are evaluated after
 * all values equal to {@code x} have been counted on both sides.
 *
 * <p>p-value (two-sided), chosen as scipy's {@code ks_2samp} does by default ({@code method='auto'}), and named in
 * the answer ({@link PValueMethod}):
 * <ul>
 *   <li>{@link PValueMethod#EXACT} when neither sample has more than {@link #EXACT_UP_TO} values: the exact null
 *       distribution by counting lattice paths ({@link KolmogorovSmirnovExact}), scipy's {@code method='exact'};</li>
 *   <li>{@link PValueMethod#ASYMPTOTIC} above that: scipy's {@code method='asymp'}, {@code kstwo.sf(D, round(en))}
 *       with {@code en = m n / (m + n)}, the one-sample statistic's exact distribution at N = round(en) (Hipparchus'
 *       {@code KolmogorovSmirnovTest.cdf}, Marsaglia, Tsang and Wang's method), for N up to
 *       {@link #FINITE_N_UP_TO};</li>
 *   <li>{@link PValueMethod#LIMITING} beyond: Kolmogorov's limiting law at {@code sqrt(en) D} ({@code kstwobign.sf},
 *       {@link KolmogorovDistribution}), which the finite-N form approaches (1.3 % apart near p = 0.05 at en = 5,000)
 *       and which stays cheap at any size.</li>
 * </ul>
 *
 * <p>Cost: one merge pass over the two sorted samples.
 */
final class KolmogorovSmirnov {

    /** scipy's {@code MAX_AUTO_N}: the exact p-value while neither sample is larger. */
    static final int EXACT_UP_TO = 10_000;
    /** The largest N = round(en) for the finite-N asymptotic form; the limiting law beyond. */
    static final long FINITE_N_UP_TO = 5_000;

    private KolmogorovSmirnov() {
    }

    /** How the p-value was computed. */
    enum PValueMethod {
        EXACT, ASYMPTOTIC, LIMITING
    }

    /** A test's statistic D, its p-value and the method that gave it. */
    record Outcome(double statistic, double pValue, PValueMethod method) {
    }

    /** The test of the two samples, the p-value by scipy's default choice of method (see the class comment). */
    static Outcome test(SortedValues reference, SortedValues current) {
        int m = reference.size();
        int n = current.size();
        long gap = gap(reference, current);
        double d = gap / ((double) m * n);
        if (Math.max(m, n) <= EXACT_UP_TO) {
            return new Outcome(d, KolmogorovSmirnovExact.pValue(gap, m, n), PValueMethod.EXACT);
        }
        long roundedEn = Math.round((double) m * n / ((double) m + n));
        if (roundedEn <= FINITE_N_UP_TO) {
            double p = gap == 0 ? 1.0
                    : 1 - new org.hipparchus.stat.inference.KolmogorovSmirnovTest().cdf(d, (int) roundedEn);
            return new Outcome(d, Math.max(0, Math.min(1, p)), PValueMethod.ASYMPTOTIC);
        }
        return new Outcome(d, pValue(d, m, n), PValueMethod.LIMITING);
    }

    /** The statistic D of the two samples. */
    static double statistic(SortedValues reference, SortedValues current) {
        return gap(reference, current) / ((double) reference.size() * current.size());
    }

    /** D·m·n = max |i·n − j·m| over the merged order, as an exact integer. */
    static long gap(SortedValues reference, SortedValues current) {
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
        return largestGap;
    }

    /** The two-sided limiting p-value {@code Q(sqrt(m n / (m + n)) D)} for samples of sizes m and n. */
    static double pValue(double statistic, int m, int n) {
        double effectiveSize = (double) m * n / ((double) m + n);
        return KolmogorovDistribution.survival(Math.sqrt(effectiveSize) * statistic);
    }
}
