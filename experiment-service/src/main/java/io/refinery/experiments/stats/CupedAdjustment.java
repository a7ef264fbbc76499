package io.refinery.experiments.stats;

/**
 * CUPED variance reduction (Deng, Xu, Kohavi &amp; Walker, "Improving the Sensitivity of Online Controlled
 * Experiments by Utilizing Pre-Experiment Data", WSDM 2013): replace each unit's outcome Y by
 * Y − θ(X − x̄) with X a pre-period covariate (e.g. the same metric before the experiment), which keeps the difference
 * of means unbiased (X cannot depend on the assignment) and shrinks the variance by the factor 1 − ρ²(X, Y).
 *
 * <p>From the {@link RegressionAdjustedStatistic}s of the two arms:
 * <pre>
 *     θ = cov(X, Y) / var(X)                              over both arms pooled (as gbstats does; 0 if var(X) = 0)
 *     x̄ = pooled mean of X
 *     ȳ_v* = ȳ_v − θ (x̄_v − x̄)                            adjusted mean of arm v
 *     s_v*² = s_{y,v}² − 2θ s_{xy,v} + θ² s_{x,v}²        adjusted variance: the sample variance of Y − θX in arm v
 * </pre>
 * The adjusted arms are then compared like any continuous metric ({@link WelchTTest}, {@link NormalBayesianTest}).
 * θ is treated as known, the usual large-sample simplification; its estimation error is O(1/n). An adjusted variance
 * below 10⁻¹² of the unadjusted one is rounding noise and counts as 0.
 */
public final class CupedAdjustment {

    /** Relative size under which an adjusted variance counts as rounding noise. */
    private static final double ROUNDING = 1e-12;

    private CupedAdjustment() {
    }

    /**
     * The adjusted arms and θ.
     *
     * @param theta the regression coefficient; null when fewer than 2 units in total
     * @param control the adjusted control arm
     * @param treatment the adjusted treatment arm
     */
    public record AdjustedArms(Double theta, SummaryStatistic control, SummaryStatistic treatment) {
    }

    /** Adjusts both arms; validates them (fields {@code control.*}, {@code treatment.*}). */
    public static AdjustedArms adjust(RegressionAdjustedStatistic control, RegressionAdjustedStatistic treatment) {
        Inputs.requireNonNull(control, "control").validate("control");
        Inputs.requireNonNull(treatment, "treatment").validate("treatment");
        RegressionAdjustedStatistic pooled = control.plus(treatment);
        if (pooled.units() < 2) {
            return new AdjustedArms(null, unadjusted(control), unadjusted(treatment));
        }
        double covariateVariance = pooled.covariate().variance();
        double theta = covariateVariance == 0 ? 0 : pooled.covariance() / covariateVariance;
        double covariateMean = pooled.covariate().mean();
        return new AdjustedArms(theta, adjusted(control, theta, covariateMean),
                adjusted(treatment, theta, covariateMean));
    }

    private static SummaryStatistic adjusted(RegressionAdjustedStatistic arm, double theta, double covariateMean) {
        if (arm.units() == 0) {
            return new SummaryStatistic(0, 0, 0);
        }
        double mean = arm.outcome().mean() - theta * (arm.covariate().mean() - covariateMean);
        double outcomeVariance = arm.outcome().variance();
        double variance = outcomeVariance - 2 * theta * arm.covariance() + theta * theta * arm.covariate().variance();
        if (variance <= ROUNDING * outcomeVariance) {
            variance = 0; // Y is (numerically) an exact linear function of X: nothing left but rounding noise
        }
        return new SummaryStatistic(arm.units(), mean, Math.sqrt(variance));
    }

    private static SummaryStatistic unadjusted(RegressionAdjustedStatistic arm) {
        return new SummaryStatistic(arm.units(), arm.outcome().mean(), Math.sqrt(arm.outcome().variance()));
    }
}
