package io.refinery.experiments.stats;

/**
 * Frozen sufficient statistic of a binomial (conversion) metric: {@code conversions} of {@code units} converted.
 *
 * <p>{@link #mean()} is the conversion rate p = conversions / units and {@link #variance()} the Bernoulli variance
 * p(1 − p), the per-unit variance the z-test and the delta method use. Pool running totals with {@link #plus}.
 *
 * @param units how many units were exposed; at least 0
 * @param conversions how many of them converted; between 0 and {@code units}
 */
public record ProportionStatistic(long units, long conversions) implements ArmStatistic {

    /** No units, no conversions: the identity of {@link #plus}. */
    public static final ProportionStatistic EMPTY = new ProportionStatistic(0, 0);

    @Override
    public double mean() {
        return units == 0 ? 0 : (double) conversions / units;
    }

    @Override
    public double variance() {
        double rate = mean();
        return rate * (1 - rate);
    }

    /** The statistic of both samples together. */
    public ProportionStatistic plus(ProportionStatistic other) {
        return new ProportionStatistic(Math.addExact(units, other.units),
                Math.addExact(conversions, other.conversions));
    }

    @Override
    public void validate(String path) {
        Inputs.requireNonNegative(units, Inputs.path(path, "units"));
        Inputs.requireNonNegative(conversions, Inputs.path(path, "conversions"));
        if (conversions > units) {
            throw new InvalidStatisticsInputException(Inputs.path(path, "conversions"),
                    "must not exceed units (" + units + "), was " + conversions);
        }
    }
}
