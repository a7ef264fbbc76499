package io.refinery.experiments.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Two-sided z-test of H₀: ξ_t = ξ_c for two arms' q-quantiles ({@link QuantileStatistic}), as Deng, Knoblich and Lu
 * (2018, §4.4) propose: each estimate is asymptotically normal with the standard error its order-statistic interval
 * gives, and the arms are independent, so
 * <pre>
 *     z = (Q_t − Q_c) / √(SE_c² + SE_t²),   p-value = 2 Φ(−|z|)
 * </pre>
 * The relative lift interval is the delta-method one ({@link RelativeLift}) with z_{1−α/2}.
 */
public final class QuantileZTest {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private final double alpha;

    /** @param alpha significance level, strictly between 0 and 1 */
    public QuantileZTest(double alpha) {
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        this.alpha = alpha;
    }

    /** Compares {@code treatment} with {@code control}; never throws for degenerate data. */
    public ComparisonResult compare(QuantileStatistic control, QuantileStatistic treatment) {
        Inputs.requireNonNull(control, "control").validate("control");
        Inputs.requireNonNull(treatment, "treatment").validate("treatment");
        AnalysisStatus degenerate = Degeneracy.ofMeans(control, treatment);
        if (degenerate != null) {
            return ComparisonResult.degenerate(degenerate);
        }
        double vc = control.varianceOfMean();
        double vt = treatment.varianceOfMean();
        double difference = treatment.estimate() - control.estimate();
        double z = difference / Math.sqrt(vc + vt);
        double pValue = Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
        double critical = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        return ComparisonResult.frequentist(pValue, difference,
                RelativeLift.estimate(control.estimate(), vc, treatment.estimate(), vt, critical), alpha);
    }
}
