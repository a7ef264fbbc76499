package io.refinery.experiments.stats;

/**
 * The comparison of a treatment with the control. Every number is finite or null (never NaN or infinite), so the
 * record serialises to plain JSON.
 *
 * <p>Which fields apply:
 * <ul>
 *   <li>both methods: {@code relativeLift} = m_t / m_c − 1 and {@code absoluteDifference} = m_t − m_c, from the
 *       observed means; {@code confidenceInterval}, an interval on the relative lift at level 1 − alpha
 *       (confidence under FREQUENTIST, credible under BAYESIAN);</li>
 *   <li>FREQUENTIST only: {@code pValue} (two-sided) and {@code significant} = pValue &lt; alpha; the Bayesian fields
 *       are null;</li>
 *   <li>BAYESIAN only: {@code chanceToBeatControl} = P(m_t &gt; m_c | data) and {@code expectedLoss} =
 *       E[max(m_c − m_t, 0) | data], the loss of shipping treatment on the metric's absolute scale; {@code pValue}
 *       and {@code significant} are null, since a posterior probability is not a test.</li>
 * </ul>
 * A {@code status} other than {@link AnalysisStatus#OK} says why some fields are null; {@code message} is its text.
 *
 * @param pValue two-sided p-value; FREQUENTIST only
 * @param relativeLift m_t / m_c − 1
 * @param absoluteDifference m_t − m_c
 * @param confidenceInterval interval on the relative lift at level 1 − alpha
 * @param significant whether pValue &lt; alpha; FREQUENTIST only
 * @param chanceToBeatControl posterior P(treatment mean &gt; control mean); BAYESIAN only
 * @param expectedLoss posterior E[max(control mean − treatment mean, 0)]; BAYESIAN only
 * @param status OK, or why fields are missing
 * @param message {@code status.message()}; null when OK
 */
public record ComparisonResult(
        Double pValue,
        Double relativeLift,
        Double absoluteDifference,
        ConfidenceInterval confidenceInterval,
        Boolean significant,
        Double chanceToBeatControl,
        Double expectedLoss,
        AnalysisStatus status,
        String message) {

    /** A result with every statistic null, for data that cannot be compared. */
    static ComparisonResult degenerate(AnalysisStatus status) {
        return new ComparisonResult(null, null, null, null, null, null, null, status, status.message());
    }

    /** A frequentist result; {@code lift} is null when the control mean is 0. */
    static ComparisonResult frequentist(double pValue, double absoluteDifference, LiftEstimate lift, double alpha) {
        AnalysisStatus status = lift == null ? AnalysisStatus.ZERO_CONTROL_MEAN : AnalysisStatus.OK;
        return new ComparisonResult(pValue, lift == null ? null : lift.relativeLift(), absoluteDifference,
                lift == null ? null : lift.interval(), pValue < alpha, null, null, status, status.message());
    }

    /** A Bayesian result; {@code lift} is null when the control mean is 0. */
    static ComparisonResult bayesian(double absoluteDifference, LiftEstimate lift, double chanceToBeatControl,
            double expectedLoss) {
        AnalysisStatus status = lift == null ? AnalysisStatus.ZERO_CONTROL_MEAN : AnalysisStatus.OK;
        return new ComparisonResult(null, lift == null ? null : lift.relativeLift(), absoluteDifference,
                lift == null ? null : lift.interval(), null, chanceToBeatControl, expectedLoss, status,
                status.message());
    }

    /** The relative lift and its interval, together because they are null together. */
    record LiftEstimate(double relativeLift, ConfidenceInterval interval) {
    }
}
