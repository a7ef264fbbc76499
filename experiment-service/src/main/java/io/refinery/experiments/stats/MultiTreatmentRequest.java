package io.refinery.experiments.stats;

import java.util.List;

/**
 * Several treatments against one control, with a correction for testing them together. Validated like
 * {@link ComparisonRequest}; treatments are named {@code treatments[i]} in errors.
 *
 * @param metricType BINOMIAL or CONTINUOUS
 * @param method FREQUENTIST or BAYESIAN (under BAYESIAN nothing is adjusted: the posterior of each comparison does
 *     not depend on how many others were made)
 * @param alpha level, strictly between 0 and 1
 * @param control the control arm
 * @param treatments at least one treatment arm
 * @param correction how p-values are adjusted
 */
public record MultiTreatmentRequest(MetricType metricType, InferenceMethod method, double alpha, ArmStatistic control,
        List<ArmStatistic> treatments, MultipleTestingCorrection correction) {

    public MultiTreatmentRequest {
        Inputs.requireNonNull(metricType, "metricType");
        Inputs.requireNonNull(method, "method");
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        ComparisonRequest.requireArm(metricType, control, "control");
        Inputs.requireNonNull(treatments, "treatments");
        if (treatments.isEmpty()) {
            throw new InvalidStatisticsInputException("treatments", "needs at least one treatment");
        }
        for (int i = 0; i < treatments.size(); i++) {
            ComparisonRequest.requireArm(metricType, treatments.get(i), "treatments[" + i + "]");
        }
        Inputs.requireNonNull(correction, "correction");
        treatments = List.copyOf(treatments);
    }
}
