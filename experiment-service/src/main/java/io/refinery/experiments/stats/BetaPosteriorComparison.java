package io.refinery.experiments.stats;

import java.util.function.LongToDoubleFunction;

import org.hipparchus.special.Beta;

/**
 * Exact comparisons of two independent beta variables X ~ Beta(a_x, b_x) and Y ~ Beta(a_y, b_y) with positive
 * integer parameters (binomial posteriors), with no simulation and no numerical integration.
 *
 * <p><b>P(X &gt; Y)</b> by Evan Miller's closed form ("Formulas for Bayesian A/B Testing",
 * https://www.evanmiller.org/bayesian-ab-testing.html):
 * <pre>
 *     P(X &gt; Y) = Σ_{i=0}^{a_x − 1} t_i,    t_i = B(a_y + i, b_y + b_x) / ((b_x + i) · B(1 + i, b_x) · B(a_y, b_y))
 * </pre>
 * with B the beta function.
 *
 * <p><b>E[max(X − Y, 0)]</b> by Chris Stucchio's closed form ("Bayesian A/B Testing at VWO", 2015): since
 * x·Beta(a, b) density = a/(a + b)·Beta(a + 1, b) density, E[max(X − Y, 0)] = μ_x·P(X⁺ &gt; Y) − μ_y·P(X &gt; Y⁺)
 * with X⁺ ~ Beta(a_x + 1, b_x), Y⁺ ~ Beta(a_y + 1, b_y), μ = a/(a + b). Both probabilities are Miller sums over the
 * same t_i (the second's terms are t_i·(a_y + i)(a_y + b_y)/(a_y·(a_y + b_y + b_x + i))), so the two fold into one
 * series, which keeps the result accurate relative to itself instead of a difference of two nearly equal numbers:
 * <pre>
 *     E[max(X − Y, 0)] = Σ_{i=0}^{a_x − 1} t_i · (μ_x − (a_y + i)/(a_y + b_y + b_x + i)) + μ_x · t_{a_x}
 * </pre>
 *
 * <p><b>Summation.</b> Summing all terms, each with log-gamma, would cost O(conversions); instead:
 * <ul>
 *   <li>of the four equivalent forms, P(X &gt; Y) = P(1 − Y &gt; 1 − X) = 1 − P(Y &gt; X) = 1 − P(1 − X &gt; 1 − Y)
 *       (and likewise E[max(X − Y, 0)] = E[X − Y] + E[max(Y − X, 0)]), the one with the fewest terms is summed:
 *       min(a_x, b_x, a_y, b_y) of them at most, so a tiny arm against a huge one costs a handful of terms;</li>
 *   <li>consecutive terms have the rational ratio r(i) = t_{i+1}/t_i = (a_y + i)(b_x + i) / ((a_y + b_y + b_x + i)
 *       (1 + i)), and r(i) &gt; 1 exactly when i &lt; i* = (a_y·b_x − a_y − b_y − b_x) / (b_y + 1), so the terms
 *       rise to a single mode m = ⌈i*⌉ (clamped to the summed range) and fall after it;</li>
 *   <li>the sum starts at the mode, whose term alone is computed with {@link Beta#logBeta} (Didonato &amp; Morris,
 *       TOMS 708, accurate for large arguments), and walks outwards with the ratio, in units of the mode's term, so
 *       nothing under- or overflows;</li>
 *   <li>a walk stops when the current term times the number of terms left on that side (a bound on them, the terms
 *       being monotone there, and the weights at most 1 in size) is below 10⁻¹⁶ of the sum of terms so far.</li>
 * </ul>
 * When every parameter is large the terms fall like a Gaussian around the mode and a walk visits a few tens of its
 * standard deviations: a few thousand terms for million-unit arms; the worst case (all four parameters around a
 * million, heavy tails) is bounded by the fewest-terms choice. Well under a millisecond for typical experiments,
 * a few milliseconds for a billion units.
 *
 * <p><b>Accuracy.</b> What error remains is that of log t_m: its beta functions are of the order of the number of
 * units n and cancel to a small number, leaving an error of about 10⁻¹⁶·n relative to the series (so absolute on
 * the result). Measured against mpmath (50 digits) and scipy quad in the tests: 5·10⁻¹³ at 10⁴ units per arm,
 * 10⁻¹¹ at 10⁶, 10⁻⁹ at 10⁷.
 */
final class BetaPosteriorComparison {

    /** Relative size of the neglected tail. */
    private static final double TRUNCATION = 1e-16;

    private BetaPosteriorComparison() {
    }

    /** P(X &gt; Y), X ~ Beta(ax, bx), Y ~ Beta(ay, by); all parameters at least 1. */
    static double probabilityGreater(long ax, long bx, long ay, long by) {
        requirePositive(ax, bx, ay, by);
        long fewest = Math.min(Math.min(ax, by), Math.min(ay, bx));
        double probability;
        if (fewest == ax) {
            probability = millerSum(ax, bx, ay, by);
        } else if (fewest == by) {
            probability = millerSum(by, ay, bx, ax); // P(1 − Y > 1 − X)
        } else if (fewest == ay) {
            probability = 1 - millerSum(ay, by, ax, bx); // 1 − P(Y > X)
        } else {
            probability = 1 - millerSum(bx, ax, by, ay); // 1 − P(1 − X > 1 − Y)
        }
        return Math.max(0, Math.min(1, probability));
    }

    /** E[max(X − Y, 0)], X ~ Beta(ax, bx), Y ~ Beta(ay, by); all parameters at least 1. */
    static double expectedExcess(long ax, long bx, long ay, long by) {
        requirePositive(ax, bx, ay, by);
        long fewest = Math.min(Math.min(ax, by), Math.min(ay, bx));
        double meanDifference = (double) ax / (ax + bx) - (double) ay / (ay + by);
        double excess;
        if (fewest == ax) {
            excess = excessSeries(ax, bx, ay, by);
        } else if (fewest == by) {
            excess = excessSeries(by, ay, bx, ax); // E[max((1 − Y) − (1 − X), 0)]
        } else if (fewest == ay) {
            excess = meanDifference + excessSeries(ay, by, ax, bx); // E[X − Y] + E[max(Y − X, 0)]
        } else {
            excess = meanDifference + excessSeries(bx, ax, by, ay); // E[X − Y] + E[max((1 − X) − (1 − Y), 0)]
        }
        return Math.max(0, excess);
    }

    /** Miller's sum for P(X &gt; Y): a_x terms. */
    private static double millerSum(long ax, long bx, long ay, long by) {
        return sum(ax - 1, bx, ay, by, i -> 1);
    }

    /** The folded Stucchio series for E[max(X − Y, 0)]: a_x + 1 terms. */
    private static double excessSeries(long ax, long bx, long ay, long by) {
        double meanX = (double) ax / (ax + bx);
        return sum(ax, bx, ay, by, i -> i < ax ? meanX - (double) (ay + i) / (ay + by + bx + i) : meanX);
    }

    /** Σ_{i=0}^{last} t_i · weight(i), |weight| ≤ 1, walking out from the mode of t. */
    private static double sum(long last, long bx, long ay, long by, LongToDoubleFunction weight) {
        double turningPoint = ((double) ay * bx - ay - by - bx) / (by + 1.0);
        long mode = (long) Math.max(0, Math.min(last, Math.ceil(turningPoint)));
        double terms = 1; // Σ t_i visited, in units of t_mode: the scale of the truncation test
        double weighted = weight.applyAsDouble(mode);
        double term = 1;
        for (long i = mode; i < last; i++) { // t_{i+1} = t_i · r(i)
            term *= ratio(i, bx, ay, by);
            terms += term;
            weighted += term * weight.applyAsDouble(i + 1);
            if (term * (last - i - 1) <= TRUNCATION * terms) {
                break;
            }
        }
        term = 1;
        for (long i = mode; i > 0; i--) { // t_{i−1} = t_i / r(i − 1)
            term /= ratio(i - 1, bx, ay, by);
            terms += term;
            weighted += term * weight.applyAsDouble(i - 1);
            if (term * (i - 1) <= TRUNCATION * terms) {
                break;
            }
        }
        return Math.exp(logTerm(mode, bx, ay, by)) * weighted;
    }

    private static double ratio(long i, long bx, long ay, long by) {
        return ((double) (ay + i) / (ay + by + bx + i)) * ((double) (bx + i) / (1 + i));
    }

    private static double logTerm(long i, long bx, long ay, long by) {
        return Beta.logBeta(ay + i, by + bx) - Math.log(bx + i) - Beta.logBeta(1 + i, bx) - Beta.logBeta(ay, by);
    }

    private static void requirePositive(long ax, long bx, long ay, long by) {
        if (ax < 1 || bx < 1 || ay < 1 || by < 1) {
            throw new IllegalArgumentException("beta parameters must be positive integers");
        }
    }
}
