package io.refinery.metrics.drift.stats;

/**
 * Kolmogorov's limiting distribution, the law of {@code sqrt(n) D_n} as {@code n -> infinity}:
 *
 * <pre>
 *   Q(x) = P(K &gt; x) = 2 sum_{k &gt;= 1} (-1)^(k-1) exp(-2 k^2 x^2)                      (x &gt; 0)
 *        = 1 - sqrt(2 pi) / x sum_{k &gt;= 1} exp(-(2k - 1)^2 pi^2 / (8 x^2))           (same function)
 * </pre>
 *
 * This is scipy's {@code kstwobign.sf(x)}. The survival function is computed directly (not as {@code 1 - cdf}) so
 * that tiny p-values keep their relative precision: the alternating series converges fast from {@code x = 0.82} on
 * (there its second term is under 2 % of the first), the theta-function form below that. Hipparchus has the series only
 * as a CDF ({@code KolmogorovSmirnovTest.ksSum}), which loses the tail to cancellation, hence this small class.
 */
final class KolmogorovDistribution {

    /** Below this, {@code 1 - Q(x) < 1e-50}: Q is 1 in double precision. */
    private static final double NEGLIGIBLE_CDF_BELOW = 0.1;
    /** Where the two series forms meet. */
    private static final double ALTERNATING_SERIES_FROM = 0.82;
    private static final int MAX_TERMS = 100;
    private static final double SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

    private KolmogorovDistribution() {
    }

    /** {@code Q(x) = P(K > x)}; 1 for {@code x <= 0}. */
    static double survival(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("x must not be NaN");
        }
        if (x <= NEGLIGIBLE_CDF_BELOW) {
            return 1.0;
        }
        if (x < ALTERNATING_SERIES_FROM) {
            return 1.0 - cdfByThetaSeries(x);
        }
        return survivalByAlternatingSeries(x);
    }

    private static double cdfByThetaSeries(double x) {
        double w = Math.PI * Math.PI / (8 * x * x);
        double sum = 0;
        for (int k = 1; k <= MAX_TERMS; k++) {
            long odd = 2L * k - 1;
            double term = Math.exp(-odd * odd * w);
            sum += term;
            if (term <= sum * 1e-17) {
                break;
            }
        }
        return SQRT_TWO_PI / x * sum;
    }

    private static double survivalByAlternatingSeries(double x) {
        double minusTwoXSquared = -2 * x * x;
        double sum = 0;
        for (int k = 1; k <= MAX_TERMS; k++) {
            double term = Math.exp(minusTwoXSquared * k * k);
            sum += (k % 2 == 1) ? term : -term;
            if (term <= sum * 1e-17) {
                break;
            }
        }
        return Math.min(1.0, 2 * sum);
    }
}
