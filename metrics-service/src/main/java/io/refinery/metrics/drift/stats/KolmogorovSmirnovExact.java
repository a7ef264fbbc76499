package io.refinery.metrics.drift.stats;

/**
 * The exact two-sided p-value of the two-sample Kolmogorov–Smirnov statistic, P(D_{m,n} ≥ d) under H₀, as scipy's
 * {@code ks_2samp(..., method='exact')} computes it.
 *
 * <p>Under H₀ every ordering of the m + n values is equally likely, so each is a monotone lattice path from (0, 0)
 * to (m, n), a step right for a reference value and up for a current one. With g = gcd(m, n) and the statistic as the
 * integer h = D·lcm(m, n), the path stays strictly inside the band |(n/g)·i − (m/g)·j| &lt; h exactly when its D is
 * below d. The probability of leaving the band is computed column by column with Viehmann's recursion for 1 − p
 * (Viehmann 2021, "Numerically more stable computation of the p-values for the two-sample Kolmogorov–Smirnov test",
 * arXiv:2102.08037, after Hodges 1958): with a(i, j) the probability that a random path to (i, j) has left the band,
 * <pre>
 *     a(i, j) = 1                                     outside the band
 *     a(i, j) = (i·a(i − 1, j) + j·a(i, j − 1)) / (i + j)   inside, a(0, 0) = 0
 * </pre>
 * and p = a(m, n). Every value stays in [0, 1], so nothing overflows however large m and n are; the work is the band's
 * width per column, O(m·n·d) at most. For m = n the closed form of the square case (Gnedenko and Korolyuk) gives the
 * same value faster and is used instead.
 */
final class KolmogorovSmirnovExact {

    private KolmogorovSmirnovExact() {
    }

    /**
     * P(D ≥ gap / (m·n)), the statistic given as its exact numerator {@code gap} = max |i·n − j·m| (see
     * {@link KolmogorovSmirnov#gap}).
     */
    static double pValue(long gap, int m, int n) {
        if (gap <= 0) {
            return 1.0;
        }
        long g = gcd(m, n);
        long h = gap / g; // the band's half-width in units of lcm(m, n)
        double p = m == n ? outsideSquare(m, (int) h) : outsideBand(Math.max(m, n), Math.min(m, n), g, h);
        return Math.max(0, Math.min(1, p));
    }

    /** The recursion of the class comment; m ≥ n (the probability is symmetric). */
    private static double outsideBand(int m, int n, long g, long h) {
        long mg = m / g;
        long ng = n / g;
        double[] column = new double[n + 1];
        // Column i = 0: inside for j < h / mg (|−mg·j| < h); there a(0, j) = a(0, j − 1) = 0.
        int previousLow = 0;
        int previousHigh = (int) Math.min(n, Math.floorDiv(h - 1, mg));
        for (int i = 1; i <= m; i++) {
            // Inside: ng·i − h < mg·j < ng·i + h.
            int low = (int) Math.max(0, Math.floorDiv(ng * i - h, mg) + 1);
            int high = (int) Math.min(n, Math.floorDiv(ng * i + h - 1, mg));
            if (low > high) {
                return 1.0; // every path has left the band by this column
            }
            double below = 1.0; // a(i, low − 1): outside the band (unused when low = 0, since j = 0 then)
            for (int j = low; j <= high; j++) {
                double left = j >= previousLow && j <= previousHigh ? column[j] : 1.0;
                double value = (i * left + j * below) / (i + j);
                column[j] = value;
                below = value;
            }
            previousLow = low;
            previousHigh = high;
        }
        return column[n];
    }

    /**
     * m = n: P(D ≥ h/n) = 2·Σ_{k ≥ 1} (−1)^{k−1} C(2n, n − k·h) / C(2n, n) (Gnedenko and Korolyuk 1951), evaluated
     * from the innermost term out as 2·A₀(1 − A₁(1 − A₂(…))) with A_k = C(2n, n − (k + 1)h) / C(2n, n − kh), a
     * product of h factors, so no binomial coefficient is formed and the alternating sum does not cancel.
     */
    private static double outsideSquare(int n, int h) {
        double p = 0;
        for (int k = n / h; k >= 0; k--) {
            double ratio = 1.0;
            for (int j = 0; j < h; j++) {
                ratio = (n - (double) k * h - j) * ratio / (n + (double) k * h + j + 1);
            }
            p = ratio * (1 - p);
        }
        return 2 * p;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
