package io.refinery.experiments.stats;

/**
 * The sufficient statistic of one arm (variant) of an experiment for a comparison of means: how many units, their
 * mean and their per-unit variance. The tests only ever touch these three numbers, so analysing an arm of a million
 * units costs the same as an arm of ten.
 *
 * <p>Implementations are immutable and not validated on construction (a running sum may be built from anything);
 * every analysis entry point calls {@link #validate(String)} with the arm's name, so a bad count is reported as
 * e.g. {@code control.conversions}.
 */
public sealed interface ArmStatistic permits ProportionStatistic, QuantileStatistic, RatioStatistic, SampleMeanStatistic, SummaryStatistic {

    /** How many units (users, sessions, ...) the arm has. */
    long units();

    /** The sample mean of the metric; 0 when there are no units. */
    double mean();

    /** The per-unit variance of the metric (see each implementation for the estimator); 0 when undefined. */
    double variance();

    /**
     * Throws {@link InvalidStatisticsInputException} naming {@code path.<component>} if the statistic cannot
     * describe real data (negative counts, conversions above units, non-finite sums, ...).
     */
    void validate(String path);

    /** The variance of the sample mean, {@code variance / units}; 0 when there are no units. */
    default double varianceOfMean() {
        return units() == 0 ? 0 : variance() / units();
    }
}
