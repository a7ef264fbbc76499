package io.refinery.experiments.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * One-sided non-inferiority test on the relative lift L = m_t / m_c − 1, for changes meant to be cheaper rather than
 * better (a smaller model, fewer recommendations computed): is the treatment no worse than control by more than a
 * stated relative margin m?
 *
 * <pre>
 *     s = +1 when higher is better, −1 when lower is better
 *     H₀: s·L ≤ −m   against   H₁: s·L &gt; −m
 *     T = (s·L + m) / SE(L),   SE(L)² = V_t / m_c² + m_t² V_c / m_c⁴   (the delta method, {@link RelativeLift})
 *     p-value = P(X ≥ T),   bound = s·L − q_{1−α}·SE(L)   (the worst lift, in the good direction, at level 1 − α)
 * </pre>
 * X is standard normal for BINOMIAL and QUANTILE metrics and Student t with the Welch–Satterthwaite df for CONTINUOUS
 * and RATIO, the same reference distributions as the two-sided tests and their lift intervals. The treatment is
 * non-inferior when p &lt; α, which is when the bound is above −m. (Equivalently, the one-sided test of H₀ in
 * statsmodels' {@code _tstat_generic(L, 0, SE, df, 'larger', diff=-m)}; the tests check against it.)
 */
public final class NonInferiorityTest {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);
    private static final double QUANTILE_ACCURACY = 1e-13;

    private NonInferiorityTest() {
    }

    /**
     * The outcome of the test.
     *
     * @param margin m, the largest relative loss tolerated
     * @param pValue one-sided p-value of H₀ (null when the lift is undefined)
     * @param worstLift s·L − q_{1−α}·SE: the lift in the good direction that the data rules out being below, at level
     *     1 − α (null when undefined)
     * @param nonInferior p &lt; α (null when undefined)
     * @param status OK, or why the fields are null
     */
    public record Result(double margin, Double pValue, Double worstLift, Boolean nonInferior, AnalysisStatus status) {
    }

    /**
     * @param higherIsBetter whether a higher mean is better (s = +1) or a lower one (s = −1)
     * @param margin the relative margin, at least 0 and below 10
     */
    public static Result test(MetricType type, ArmStatistic control, ArmStatistic treatment, boolean higherIsBetter,
            double margin, double alpha) {
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        if (!(margin >= 0 && margin < 10)) {
            throw new InvalidStatisticsInputException("nonInferiorityMargin", "must be a relative change in [0, 10)");
        }
        ComparisonRequest.requireArm(type, control, "control");
        ComparisonRequest.requireArm(type, treatment, "treatment");
        AnalysisStatus degenerate = Degeneracy.of(control, treatment);
        if (degenerate == null && control.mean() == 0) {
            degenerate = AnalysisStatus.ZERO_CONTROL_MEAN;
        }
        if (degenerate != null) {
            return new Result(margin, null, null, null, degenerate);
        }
        double mc = control.mean();
        double mt = treatment.mean();
        double vc = control.varianceOfMean();
        double vt = treatment.varianceOfMean();
        double lift = mt / mc - 1;
        double se = Math.sqrt(vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc));
        double sign = higherIsBetter ? 1 : -1;
        double statistic = (sign * lift + margin) / se;
        double pValue;
        double critical;
        if (type == MetricType.CONTINUOUS || type == MetricType.RATIO) {
            double share = vc / (vc + vt);
            double df = 1 / (share * share / (control.units() - 1) + (1 - share) * (1 - share) / (treatment.units() - 1));
            TDistribution t = new TDistribution(df, QUANTILE_ACCURACY);
            pValue = t.cumulativeProbability(-statistic);
            critical = t.inverseCumulativeProbability(1 - alpha);
        } else {
            pValue = STANDARD_NORMAL.cumulativeProbability(-statistic);
            critical = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha);
        }
        if (!Double.isFinite(pValue) || !Double.isFinite(lift)) {
            return new Result(margin, null, null, null, AnalysisStatus.ZERO_CONTROL_MEAN);
        }
        return new Result(margin, pValue, sign * lift - critical * se, pValue < alpha, AnalysisStatus.OK);
    }
}
