package io.refinery.experiments.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Units per variant for a two-sided test with equal allocation, by the standard normal-approximation formulas of
 * Chow, Shao &amp; Wang, <i>Sample Size Calculations in Clinical Research</i> (2nd ed., 2008), test for equality in a
 * two-sample parallel design (§4.2 for proportions, §3.2 for means), with z_q the standard normal quantile:
 * <pre>
 *     binomial:    n = (z_{1−α/2} + z_{power})² · (p₁(1 − p₁) + p₂(1 − p₂)) / (p₂ − p₁)²,   p₂ = p₁(1 + mde)
 *     continuous:  n = 2σ² (z_{1−α/2} + z_{power})² / δ²,                                 δ = μ·mde
 * </pre>
 * rounded up. The binomial formula uses the unpooled variance under the alternative, as most online calculators do;
 * the continuous one assumes both variants share σ.
 */
public final class SampleSizeCalculator {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    /** Beyond this, units stop being exact in a double; such an effect is too small to test. */
    private static final double MAX_UNITS = 0x1p53;

    private SampleSizeCalculator() {
    }

    /** Units per variant for {@code request}; throws only for invalid input. */
    public static SampleSizeResult unitsPerVariant(SampleSizeRequest request) {
        Inputs.requireNonNull(request, "request");
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - request.alpha() / 2)
                + STANDARD_NORMAL.inverseCumulativeProbability(request.power());
        double units;
        if (request instanceof SampleSizeRequest.Binomial binomial) {
            double p1 = binomial.baselineRate();
            double p2 = p1 * (1 + binomial.minimumDetectableEffect());
            units = z * z * (p1 * (1 - p1) + p2 * (1 - p2)) / ((p2 - p1) * (p2 - p1));
        } else {
            SampleSizeRequest.Continuous continuous = (SampleSizeRequest.Continuous) request;
            double sigma = continuous.baselineStdDev();
            double delta = continuous.baselineMean() * continuous.minimumDetectableEffect();
            units = 2 * sigma * sigma * z * z / (delta * delta);
        }
        if (!(units <= MAX_UNITS)) {
            throw new InvalidStatisticsInputException("minimumDetectableEffect",
                    "is too small to detect: it would need more than 2^53 units per variant");
        }
        return new SampleSizeResult((long) Math.ceil(units));
    }

    /**
     * The power a two-sided test at level {@code alpha} has to detect an absolute difference {@code effect} when the
     * difference's standard error is {@code standardError}, by the same normal approximation:
     * Φ(δ/SE − z_{1−α/2}) + Φ(−δ/SE − z_{1−α/2}). For a running experiment, SE² = s_c²/n_c + s_t²/n_t from the
     * arms so far and δ the planned relative effect times the control mean tell how well it can see that effect now.
     * Null when the standard error is 0 or not finite.
     */
    public static Double achievedPower(double effect, double standardError, double alpha) {
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        if (!(standardError > 0) || !Double.isFinite(standardError) || !Double.isFinite(effect)) {
            return null;
        }
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double shift = Math.abs(effect) / standardError;
        return STANDARD_NORMAL.cumulativeProbability(shift - z) + STANDARD_NORMAL.cumulativeProbability(-shift - z);
    }
}
