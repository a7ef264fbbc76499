package io.refinery.experiments.stats;

import io.refinery.experiments.stats.ComparisonResult.LiftEstimate;

/**
 * The relative lift L = m_t / m_c − 1 of a treatment mean over a control mean, with a delta-method interval.
 *
 * <p>For independent estimates m̂_c and m̂_t with variances V_c and V_t (the variances of the means, s²/n), the
 * first-order Taylor expansion of the ratio gives
 * <pre>
 *     Var(m̂_t / m̂_c) ≈ V_t / m_c² + m_t² · V_c / m_c⁴
 * </pre>
 * (the delta method, Casella &amp; Berger, <i>Statistical Inference</i>, 2nd ed., §5.5.4; the same expression as
 * gbstats' frequentist {@code TTest.variance}). The interval is {@code L ± q · √Var}, with q the two-sided critical
 * value of the test's reference distribution (z for the z-test and the Bayesian normal approximations, Student t
 * with the Welch–Satterthwaite df for Welch's test). It is symmetric and can extend below −100 % for tiny samples.
 */
final class RelativeLift {

    private RelativeLift() {
    }

    /** The lift and its interval, or null when the control mean is 0 (the ratio is undefined) or so close
     * to 0 that it overflows. */
    static LiftEstimate estimate(double controlMean, double controlVarianceOfMean, double treatmentMean,
            double treatmentVarianceOfMean, double criticalValue) {
        if (controlMean == 0) {
            return null;
        }
        double lift = treatmentMean / controlMean - 1;
        double controlSquared = controlMean * controlMean;
        double variance = treatmentVarianceOfMean / controlSquared
                + treatmentMean * treatmentMean * controlVarianceOfMean / (controlSquared * controlSquared);
        double halfWidth = criticalValue * Math.sqrt(variance);
        if (!Double.isFinite(lift) || !Double.isFinite(halfWidth)) {
            return null; // a control mean so close to 0 that the ratio overflows: as undefined as 0 itself
        }
        return new LiftEstimate(lift, ConfidenceInterval.around(lift, halfWidth));
    }
}
