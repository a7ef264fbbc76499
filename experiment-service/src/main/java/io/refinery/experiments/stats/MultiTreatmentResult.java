package io.refinery.experiments.stats;

import java.util.List;

/**
 * One comparison per treatment, in request order, with the adjusted p-values.
 *
 * @param correction the correction applied
 * @param pValues raw and adjusted p-values in treatment order (all null under BAYESIAN)
 * @param treatments per treatment: the unadjusted comparison and the adjusted verdict
 */
public record MultiTreatmentResult(MultipleTestingCorrection correction, AdjustedPValues pValues,
        List<TreatmentComparison> treatments) {

    public MultiTreatmentResult {
        treatments = List.copyOf(treatments);
    }

    /**
     * One treatment against control.
     *
     * @param comparison the comparison as if it were the only one (its pValue, interval and significant are
     *     unadjusted)
     * @param adjustedPValue the p-value after the correction; null under BAYESIAN or for degenerate data
     * @param significant whether adjustedPValue &lt; alpha; null when adjustedPValue is null
     */
    public record TreatmentComparison(ComparisonResult comparison, Double adjustedPValue, Boolean significant) {
    }
}
