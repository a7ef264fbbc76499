package io.refinery.experiments.stats;

/**
 * One look at a continuously monitored experiment (see {@link MixtureSequentialProbabilityRatioTest}). Pass back the
 * previous look's always-valid p-value and interval so that they stay monotone (the p-value never rises, the
 * interval never widens); null for the first look. Validated in the compact constructor.
 *
 * @param alpha level, strictly between 0 and 1; fixed for the whole experiment
 * @param control the control arm so far ({@link ProportionStatistic}, {@link SampleMeanStatistic} or
 *     {@link SummaryStatistic})
 * @param treatment the treatment arm so far
 * @param mixing the mixing variance τ², fixed for the whole experiment
 * @param previousPValue the always-valid p-value of the previous look, in [0, 1]; null for the first
 * @param previousInterval the always-valid interval of the previous look; null for the first
 */
public record SequentialRequest(double alpha, ArmStatistic control, ArmStatistic treatment, MixingVariance mixing,
        Double previousPValue, ConfidenceInterval previousInterval) {

    public SequentialRequest {
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        Inputs.requireNonNull(control, "control").validate("control");
        Inputs.requireNonNull(treatment, "treatment").validate("treatment");
        Inputs.requireNonNull(mixing, "mixing").validate("mixing");
        if (previousPValue != null && !(previousPValue >= 0 && previousPValue <= 1)) {
            throw new InvalidStatisticsInputException("previousPValue", "must be in [0, 1], was " + previousPValue);
        }
        if (previousInterval != null) {
            Inputs.requireFinite(previousInterval.lower(), "previousInterval.lower");
            Inputs.requireFinite(previousInterval.upper(), "previousInterval.upper");
            if (previousInterval.lower() > previousInterval.upper()) {
                throw new InvalidStatisticsInputException("previousInterval", "lower must not exceed upper");
            }
        }
    }

    /** The first look of an experiment. */
    public SequentialRequest(double alpha, ArmStatistic control, ArmStatistic treatment, MixingVariance mixing) {
        this(alpha, control, treatment, mixing, null, null);
    }
}
