package io.refinery.experiments.stats;

/**
 * One look of a sequential test. All numbers are finite or null.
 *
 * @param difference the observed difference of means m_t − m_c
 * @param pValue the always-valid p-value: the running minimum of 1/Λ over the looks so far
 * @param confidenceInterval the always-valid interval on the difference m_t − m_c (absolute scale): the running
 *     intersection of the looks' intervals
 * @param significant whether the boundary has been crossed (pValue ≤ alpha); once true, stays true
 * @param tauSquared the mixing variance τ² used
 * @param status OK, or why the statistics are null
 * @param message {@code status.message()}; null when OK
 */
public record SequentialResult(Double difference, Double pValue, ConfidenceInterval confidenceInterval,
        Boolean significant, Double tauSquared, AnalysisStatus status, String message) {

    static SequentialResult degenerate(AnalysisStatus status) {
        return new SequentialResult(null, null, null, null, null, status, status.message());
    }
}
