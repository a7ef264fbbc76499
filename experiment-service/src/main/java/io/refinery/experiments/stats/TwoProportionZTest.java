package io.refinery.experiments.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Two-sided pooled two-proportion z-test of H₀: p_t = p_c.
 *
 * <pre>
 *     p̄ = (x_c + x_t) / (n_c + n_t)
 *     z = (p_t − p_c) / √(p̄(1 − p̄)(1/n_c + 1/n_t))
 *     p-value = 2 Φ(−|z|)
 * </pre>
 * This is the large-sample score test for two binomial proportions; z² equals Pearson's chi-square statistic for the
 * 2×2 table without continuity correction, so the p-value equals {@code scipy.stats.chi2_contingency(table,
 * correction=False)}'s (the tests check both). The relative lift interval uses the unpooled Bernoulli variances
 * p(1 − p)/n in the delta method ({@link RelativeLift}) with z_{1−α/2}, so in rare borderline cases the interval and
 * the p-value may disagree about significance; {@code significant} follows the p-value.
 */
public final class TwoProportionZTest {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private final double alpha;

    /** @param alpha significance level, strictly between 0 and 1 */
    public TwoProportionZTest(double alpha) {
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        this.alpha = alpha;
    }

    /** Compares {@code treatment} with {@code control}; never throws for degenerate data. */
    public ComparisonResult compare(ProportionStatistic control, ProportionStatistic treatment) {
        Inputs.requireNonNull(control, "control").validate("control");
        Inputs.requireNonNull(treatment, "treatment").validate("treatment");
        AnalysisStatus degenerate = Degeneracy.ofProportions(control, treatment);
        if (degenerate != null) {
            return ComparisonResult.degenerate(degenerate);
        }
        double pc = control.mean();
        double pt = treatment.mean();
        double pooled = (double) (control.conversions() + treatment.conversions())
                / (control.units() + treatment.units());
        double standardError = Math.sqrt(pooled * (1 - pooled)
                * (1.0 / control.units() + 1.0 / treatment.units()));
        double z = (pt - pc) / standardError;
        double pValue = Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
        double critical = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        return ComparisonResult.frequentist(pValue, pt - pc,
                RelativeLift.estimate(pc, control.varianceOfMean(), pt, treatment.varianceOfMean(), critical), alpha);
    }
}
