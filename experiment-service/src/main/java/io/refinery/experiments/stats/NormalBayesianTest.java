package io.refinery.experiments.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Bayesian comparison of two means by the normal approximation with a flat prior, as gbstats does for continuous
 * metrics: with a flat (improper uniform) prior on each mean, the posterior of μ is approximately N(ȳ, s²/n), so the
 * difference D = μ_t − μ_c is approximately N(d, V) with d = ȳ_t − ȳ_c and V = s_t²/n_t + s_c²/n_c.
 *
 * <ul>
 *   <li>{@code chanceToBeatControl} = P(D &gt; 0) = Φ(d/√V).</li>
 *   <li>{@code expectedLoss} = E[max(−D, 0)] = √V·φ(d/√V) − d·Φ(−d/√V), the mean of the positive part of a normal,
 *       on the metric's absolute scale (the loss of shipping treatment).</li>
 *   <li>{@code confidenceInterval}: a credible interval on the relative lift μ_t/μ_c − 1, delta method
 *       ({@link RelativeLift}) ± z_{1−α/2}.</li>
 *   <li>{@code pValue} and {@code significant} are null.</li>
 * </ul>
 * The approximation relies on the central limit theorem; with a handful of units per arm, treat it as indicative.
 */
public final class NormalBayesianTest {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private final double alpha;

    /** @param alpha one minus the credible level of the interval, strictly between 0 and 1 */
    public NormalBayesianTest(double alpha) {
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        this.alpha = alpha;
    }

    /** Compares {@code treatment} with {@code control}; never throws for degenerate data. */
    public ComparisonResult compare(ArmStatistic control, ArmStatistic treatment) {
        Inputs.requireNonNull(control, "control").validate("control");
        Inputs.requireNonNull(treatment, "treatment").validate("treatment");
        AnalysisStatus degenerate = Degeneracy.ofMeans(control, treatment);
        if (degenerate != null) {
            return ComparisonResult.degenerate(degenerate);
        }
        double vc = control.varianceOfMean();
        double vt = treatment.varianceOfMean();
        double difference = treatment.mean() - control.mean();
        double sd = Math.sqrt(vc + vt);
        double standardised = difference / sd;
        double chance = STANDARD_NORMAL.cumulativeProbability(standardised);
        double loss = sd * STANDARD_NORMAL.density(standardised)
                - difference * STANDARD_NORMAL.cumulativeProbability(-standardised);
        double critical = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        return ComparisonResult.bayesian(difference,
                RelativeLift.estimate(control.mean(), vc, treatment.mean(), vt, critical), chance, Math.max(0, loss));
    }
}
