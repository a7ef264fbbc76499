package io.refinery.experiments.stats;

import java.util.Arrays;

import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * One arm of a quantile metric (p50 or p90 order value, p95 response latency): the q-quantile of the units' values,
 * with the distribution-free interval from the binomial distribution of order statistics.
 *
 * <ul>
 *   <li>{@code estimate}: the sample quantile by linear interpolation between order statistics (R's type 7, numpy's
 *       default): with the values sorted x₁ ≤ … ≤ xₙ and h = (n − 1)q, x_{⌊h⌋+1} + (h − ⌊h⌋)(x_{⌊h⌋+2} − x_{⌊h⌋+1}).</li>
 *   <li>{@code lower}, {@code upper}: the order statistics x_r and x_s with r = F⁻¹(0.025) and s = F⁻¹(0.975) + 1,
 *       F the Binomial(n, q) CDF (R's {@code qbinom}). The number of values below the true quantile is
 *       Binomial(n, q), so P(x_r ≤ ξ_q &lt; x_s) = F(s − 1) − F(r − 1) ≥ 95 % whatever the distribution
 *       (Conover, <i>Practical Nonparametric Statistics</i>, 3rd ed., §3.2). With too few units r is 0 or s exceeds n
 *       and there is no interval ({@link #hasInterval}).</li>
 *   <li>The standard error of the estimate is that interval's width over 2·z₀.₉₇₅ (Deng, Knoblich and Lu 2018,
 *       "Applying the Delta Method in Metric Analytics", KDD, §4.4; Price and Bonett 2001), which needs no density
 *       estimate. {@link #varianceOfMean()} is its square and {@link #variance()} n times that, so the normal tests
 *       treat the quantile like a mean.</li>
 * </ul>
 *
 * @param units n, the units with a value of the metric
 * @param quantile q, strictly between 0 and 1
 * @param estimate the sample q-quantile (type 7)
 * @param lower x_r, the lower end of the 95 % order-statistic interval (NaN when there is none)
 * @param upper x_s, the upper end (NaN when there is none)
 */
public record QuantileStatistic(long units, double quantile, double estimate, double lower, double upper)
        implements ArmStatistic {

    /** z₀.₉₇₅: the order-statistic interval is a 95 % one, whatever alpha the comparison uses. */
    static final double Z_975 = 1.959963984540054;
    private static final double INTERVAL_ALPHA = 0.05;

    /** The statistic of {@code values} (not modified) at quantile {@code q}. */
    public static QuantileStatistic of(double[] values, double q) {
        Inputs.requireOpenUnitInterval(q, "quantile");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return new QuantileStatistic(0, q, 0, Double.NaN, Double.NaN);
        }
        double h = (n - 1) * q;
        int below = (int) Math.floor(h);
        double estimate = below + 1 < n ? sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
        long[] ranks = ranks(n, q);
        return ranks == null ? new QuantileStatistic(n, q, estimate, Double.NaN, Double.NaN)
                : new QuantileStatistic(n, q, estimate, sorted[(int) ranks[0] - 1], sorted[(int) ranks[1] - 1]);
    }

    /**
     * The statistic of a frequency table: {@code values} strictly increasing, {@code counts[i]} units holding
     * {@code values[i]} (zero counts allowed). The same as {@link #of} on the expanded values, in O(distinct values).
     */
    public static QuantileStatistic ofCounts(double[] values, long[] counts, double q) {
        Inputs.requireOpenUnitInterval(q, "quantile");
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        if (n == 0) {
            return new QuantileStatistic(0, q, 0, Double.NaN, Double.NaN);
        }
        double h = (n - 1) * q;
        long below = (long) Math.floor(h);
        double low = valueAt(values, counts, below + 1);
        double estimate = below + 1 < n ? low + (h - below) * (valueAt(values, counts, below + 2) - low) : low;
        long[] ranks = ranks(n, q);
        return ranks == null ? new QuantileStatistic(n, q, estimate, Double.NaN, Double.NaN)
                : new QuantileStatistic(n, q, estimate, valueAt(values, counts, ranks[0]),
                        valueAt(values, counts, ranks[1]));
    }

    /** The value of 1-based rank {@code rank} in a frequency table. */
    private static double valueAt(double[] values, long[] counts, long rank) {
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return values[i];
            }
        }
        throw new IllegalArgumentException("rank " + rank + " is beyond the " + seen + " values");
    }

    /**
     * The 1-based ranks {r, s} of the 95 % order-statistic interval of the q-quantile among n values, or null when
     * n is too small for one (r = 0 or s &gt; n).
     */
    public static long[] ranks(long n, double q) {
        if (n < 1 || n > Integer.MAX_VALUE) {
            return null;
        }
        BinomialDistribution below = new BinomialDistribution((int) n, q);
        long r = below.inverseCumulativeProbability(INTERVAL_ALPHA / 2);
        long s = below.inverseCumulativeProbability(1 - INTERVAL_ALPHA / 2) + 1L;
        return r < 1 || s > n ? null : new long[] { r, s };
    }

    /** Whether the order-statistic interval exists (enough units for it). */
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** The standard error of the estimate, (upper − lower) / (2·z₀.₉₇₅); 0 without an interval. */
    public double standardError() {
        return hasInterval() ? (upper - lower) / (2 * Z_975) : 0;
    }

    /** The quantile estimate (named mean for the tests that take any {@link ArmStatistic}). */
    @Override
    public double mean() {
        return estimate;
    }

    /** n·SE², so that {@link #varianceOfMean()} is SE². */
    @Override
    public double variance() {
        double se = standardError();
        return units * se * se;
    }

    @Override
    public void validate(String path) {
        Inputs.requireNonNegative(units, Inputs.path(path, "units"));
        Inputs.requireOpenUnitInterval(quantile, Inputs.path(path, "quantile"));
        Inputs.requireFinite(estimate, Inputs.path(path, "estimate"));
        if (Double.isNaN(lower) != Double.isNaN(upper)) {
            throw new InvalidStatisticsInputException(Inputs.path(path, Double.isNaN(lower) ? "lower" : "upper"),
                    "is missing while the other end of the interval is given");
        }
        if (hasInterval()) {
            Inputs.requireFinite(lower, Inputs.path(path, "lower"));
            Inputs.requireFinite(upper, Inputs.path(path, "upper"));
            if (upper < lower) {
                throw new InvalidStatisticsInputException(Inputs.path(path, "upper"),
                        "must be at least lower, was " + upper + " < " + lower);
            }
        }
    }
}
