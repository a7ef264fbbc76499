package io.refinery.experiments.stats;

/**
 * A CUPED-adjusted comparison of a continuous metric (see {@link CupedAdjustment}); validated in the compact
 * constructor.
 *
 * @param method FREQUENTIST (Welch's test on the adjusted arms) or BAYESIAN (normal posterior on them)
 * @param alpha level, strictly between 0 and 1
 * @param control the control arm's outcome and pre-period covariate
 * @param treatment the treatment arm's outcome and pre-period covariate
 */
public record CupedRequest(InferenceMethod method, double alpha, RegressionAdjustedStatistic control,
        RegressionAdjustedStatistic treatment) {

    public CupedRequest {
        Inputs.requireNonNull(method, "method");
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        Inputs.requireNonNull(control, "control").validate("control");
        Inputs.requireNonNull(treatment, "treatment").validate("treatment");
    }
}
