package io.refinery.feedback.stats;

import java.util.List;

/**
 * Whether the numbers and the customers disagree about one system and period. Both sides must move
 * significantly on their own before a contradiction is reported (no alarm from five comments):
 * <ul>
 * <li>Customers: a two-proportion z-test on the share of negative feedback, this period against the previous one
 * (pooled standard error), with at least {@code minVolume} items in each period.</li>
 * <li>Metric: the Mann-Kendall trend test on the metric's closed-period values (at least 4 periods; S statistic,
 * variance n(n-1)(2n+5)/18, continuity-corrected z), so a single noisy day does not count as a direction.</li>
 * </ul>
 * Contradiction = metric trending up while the share negative rises significantly, or metric trending down while
 * it falls significantly. Pure computation, no framework imports.
 */
public final class ContradictionTest {

    /** Outcome of a two-sided test: statistic, p-value, direction (+1 up, -1 down, 0 not significant). */
    public record Side(double z, double p, int direction) {
    }

    public enum Kind {
        METRIC_UP_SENTIMENT_DOWN, METRIC_DOWN_SENTIMENT_UP
    }

    /** A detected contradiction with both sides' evidence. */
    public record Finding(Kind kind, Side metric, Side sentiment, double shareNegativeBefore, double shareNegativeNow) {
    }

    private ContradictionTest() {
    }

    /** Two-proportion z-test: share {@code x1/n1} (now) against {@code x0/n0} (before). */
    public static Side twoProportion(long x1, long n1, long x0, long n0, double alpha) {
        if (n1 == 0 || n0 == 0) {
            return new Side(0, 1, 0);
        }
        double p1 = (double) x1 / n1;
        double p0 = (double) x0 / n0;
        double pooled = (double) (x1 + x0) / (n1 + n0);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n0));
        if (se == 0) {
            return new Side(0, 1, 0);
        }
        double z = (p1 - p0) / se;
        double p = 2 * (1 - normalCdf(Math.abs(z)));
        return new Side(z, p, p < alpha ? (int) Math.signum(z) : 0);
    }

    /** Mann-Kendall trend test on values in time order. */
    public static Side mannKendall(List<Double> values, double alpha) {
        int n = values.size();
        if (n < 4) {
            return new Side(0, 1, 0);
        }
        long s = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                s += (long) Math.signum(values.get(j) - values.get(i));
            }
        }
        double var = n * (n - 1.0) * (2.0 * n + 5) / 18.0;
        double z = s > 0 ? (s - 1) / Math.sqrt(var) : s < 0 ? (s + 1) / Math.sqrt(var) : 0;
        double p = 2 * (1 - normalCdf(Math.abs(z)));
        return new Side(z, p, p < alpha ? (int) Math.signum(z) : 0);
    }

    /**
     * Checks one system and period. {@code metricValues}: the key metric's closed-period values, oldest first,
     * ending with this period. Returns null when there is no contradiction (or too little data).
     */
    public static Finding detect(List<Double> metricValues, long negNow, long nNow, long negBefore, long nBefore,
            long minVolume, double alpha) {
        if (nNow < minVolume || nBefore < minVolume) {
            return null;
        }
        Side metric = mannKendall(metricValues, alpha);
        Side sentiment = twoProportion(negNow, nNow, negBefore, nBefore, alpha);
        double before = (double) negBefore / nBefore;
        double now = (double) negNow / nNow;
        if (metric.direction() > 0 && sentiment.direction() > 0) {
            return new Finding(Kind.METRIC_UP_SENTIMENT_DOWN, metric, sentiment, before, now);
        }
        if (metric.direction() < 0 && sentiment.direction() < 0) {
            return new Finding(Kind.METRIC_DOWN_SENTIMENT_UP, metric, sentiment, before, now);
        }
        return null;
    }

    /** Standard normal CDF (Abramowitz–Stegun 26.2.17 polynomial, |error| < 7.5e-8). */
    static double normalCdf(double x) {
        if (x < 0) {
            return 1 - normalCdf(-x);
        }
        double t = 1 / (1 + 0.2316419 * x);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
    }
}
