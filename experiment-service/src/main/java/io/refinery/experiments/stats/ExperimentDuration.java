package io.refinery.experiments.stats;

/**
 * How long an experiment must run to reach its sample size:
 * <pre>
 *     days = ⌈ unitsPerVariant · variants / (expectedDailyUnits · trafficFraction) ⌉
 * </pre>
 * where {@code expectedDailyUnits} is the eligible traffic per day and {@code trafficFraction} the share of it
 * enrolled in the experiment, split evenly over the variants (control included). Assumes new units every day; with
 * returning users the count of distinct units grows more slowly, so treat the result as a lower bound.
 */
public final class ExperimentDuration {

    private ExperimentDuration() {
    }

    /**
     * Whole days needed.
     *
     * @param unitsPerVariant from {@link SampleSizeCalculator}, at least 0
     * @param variants how many variants including control, at least 2
     * @param expectedDailyUnits eligible units per day, positive
     * @param trafficFraction share of eligible units enrolled, in (0, 1]
     */
    public static long requiredDays(long unitsPerVariant, int variants, double expectedDailyUnits,
            double trafficFraction) {
        Inputs.requireNonNegative(unitsPerVariant, "unitsPerVariant");
        if (variants < 2) {
            throw new InvalidStatisticsInputException("variants", "must be at least 2, was " + variants);
        }
        Inputs.requirePositive(expectedDailyUnits, "expectedDailyUnits");
        if (!(trafficFraction > 0 && trafficFraction <= 1)) {
            throw new InvalidStatisticsInputException("trafficFraction", "must be in (0, 1], was " + trafficFraction);
        }
        return (long) Math.ceil((double) unitsPerVariant * variants / (expectedDailyUnits * trafficFraction));
    }
}
