package io.refinery.oversight.relaxation.advisor;

/**
 * The Wilson score interval for a binomial proportion (Wilson 1927; method 3 of Newcombe 1998, "Two-sided
 * confidence intervals for the single proportion", Statistics in Medicine 17:857-872), without continuity
 * correction. Unlike the normal (Wald) interval it stays inside [0, 1] and is sensible at 0 and n successes,
 * which is where relaxation decisions live (49 or 50 clean decisions out of 50).
 */
public final class WilsonScore {

    /** The two-sided 95 % normal quantile. */
    public static final double Z_95 = 1.959963984540054;

    private WilsonScore() {
    }

    public static double lower(long successes, long n, double z) {
        return bound(successes, n, z, -1);
    }

    public static double upper(long successes, long n, double z) {
        return bound(successes, n, z, +1);
    }

    private static double bound(long successes, long n, double z, int sign) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must lie in [0, n]");
        }
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("z must be a positive number");
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double b = (centre + sign * half) / (1 + z2 / n);
        return Math.min(1.0, Math.max(0.0, b));
    }
}
