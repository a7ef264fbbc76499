package io.refinery.experiments.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Welch's unequal-variance t-test of H₀: μ_t = μ_c, two-sided (Welch 1947, <i>Biometrika</i> 34:28–35).
 *
 * <pre>
 *     V_c = s_c² / n_c,  V_t = s_t² / n_t
 *     t = (ȳ_t − ȳ_c) / √(V_c + V_t)
 *     df = (V_c + V_t)² / (V_c² / (n_c − 1) + V_t² / (n_t − 1))      (Welch–Satterthwaite)
 *     p-value = 2 F_df(−|t|), F_df the Student t CDF
 * </pre>
 * Same as {@code scipy.stats.ttest_ind_from_stats(..., equal_var=False)}. The relative lift interval is the
 * delta-method one ({@link RelativeLift}) with t_{df, 1−α/2}, as gbstats does.
 */
public final class WelchTTest {

    /** Absolute accuracy of the t quantile (Hipparchus solves for it; its default is only 1e-9). */
    private static final double QUANTILE_ACCURACY = 1e-13;

    private final double alpha;

    /** @param alpha significance level, strictly between 0 and 1 */
    public WelchTTest(double alpha) {
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
        double variance = vc + vt;
        double difference = treatment.mean() - control.mean();
        double t = difference / Math.sqrt(variance);
        double controlShare = vc / variance; // shares rather than squares of tiny variances, which could underflow
        double treatmentShare = vt / variance;
        double df = 1 / (controlShare * controlShare / (control.units() - 1)
                + treatmentShare * treatmentShare / (treatment.units() - 1));
        TDistribution distribution = new TDistribution(df, QUANTILE_ACCURACY);
        double pValue = Math.min(1, 2 * distribution.cumulativeProbability(-Math.abs(t)));
        double critical = distribution.inverseCumulativeProbability(1 - alpha / 2);
        return ComparisonResult.frequentist(pValue, difference,
                RelativeLift.estimate(control.mean(), vc, treatment.mean(), vt, critical), alpha);
    }
}
