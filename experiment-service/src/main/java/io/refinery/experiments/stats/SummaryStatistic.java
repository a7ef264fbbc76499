package io.refinery.experiments.stats;

/**
 * A continuous arm given by its summary rather than its sums: {@code units}, sample {@code mean} and sample standard
 * deviation {@code stdDev} (the n − 1 estimator). This is the {@code {units, mean, stdDev}} form of the API, and the
 * form CUPED-adjusted arms take. Not poolable: keep a {@link SampleMeanStatistic} for running totals.
 *
 * @param units n, at least 0
 * @param mean the sample mean, finite
 * @param stdDev the sample standard deviation, finite and at least 0
 */
public record SummaryStatistic(long units, double mean, double stdDev) implements ArmStatistic {

    @Override
    public double variance() {
        return stdDev * stdDev;
    }

    @Override
    public void validate(String path) {
        Inputs.requireNonNegative(units, Inputs.path(path, "units"));
        Inputs.requireFinite(mean, Inputs.path(path, "mean"));
        Inputs.requireNonNegative(stdDev, Inputs.path(path, "stdDev"));
    }
}
