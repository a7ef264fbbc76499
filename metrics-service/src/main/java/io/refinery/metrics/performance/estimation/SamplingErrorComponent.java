package io.refinery.metrics.performance.estimation;

/**
 * What a metric's sampling error on n rows needs, measured once on the labelled reference (NannyML's "sampling error
 * components"): the standard error is {@code std / √(n·fraction)}, and NannyML draws its confidence band at the
 * estimate ± {@value #BAND} standard errors. See {@link SamplingErrors#fit}.
 *
 * @param std the population standard deviation of the metric's per-row values on the reference; NaN when there were
 *        none
 * @param fraction the share of rows that carry such a value, in [0, 1]
 */
public record SamplingErrorComponent(double std, double fraction) {

    /** NannyML's {@code SAMPLING_ERROR_RANGE}. */
    public static final double BAND = 3;

    public SamplingErrorComponent {
        if (std < 0 || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std must be finite and ≥ 0, or NaN; was " + std);
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], was " + fraction);
        }
    }

    /** std / √(n·fraction); NaN when n·fraction is 0 or std is NaN. */
    public double errorFor(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be ≥ 0, was " + n);
        }
        double effective = n * fraction;
        return effective > 0 ? std / Math.sqrt(effective) : Double.NaN;
    }

    /** estimate − {@value #BAND}·{@link #errorFor}(n), unclipped (NannyML clips the band to the metric's [0, 1]). */
    public double lowerBound(double estimate, long n) {
        return estimate - BAND * errorFor(n);
    }

    /** estimate + {@value #BAND}·{@link #errorFor}(n), unclipped. */
    public double upperBound(double estimate, long n) {
        return estimate + BAND * errorFor(n);
    }
}
