package io.refinery.metrics.alerting.evaluation;

/**
 * A threshold rule: a period breaches when its value is on the {@code comparison} side of {@code baseline} by more
 * than {@code tolerance}, and the rule fires after {@code consecutivePeriods} breaching periods in a row. Periods
 * with fewer than {@code minSamplesPerPeriod} samples are not judged (see {@link RuleEvaluator}).
 *
 * @param comparison which side of the baseline is bad; not null
 * @param baseline what values are compared with; not null
 * @param tolerance how far past the baseline a value may go; not null
 * @param consecutivePeriods how many breaching periods in a row make the rule fire; at least 1
 * @param minSamplesPerPeriod the fewest samples a period needs to be judged; at least 1 (a period without samples
 *     has no value)
 */
public record RuleSpec(
        Comparison comparison,
        Baseline baseline,
        Tolerance tolerance,
        int consecutivePeriods,
        long minSamplesPerPeriod) {

    public RuleSpec {
        if (comparison == null) {
            throw new IllegalArgumentException("comparison must not be null");
        }
        if (baseline == null) {
            throw new IllegalArgumentException("baseline must not be null");
        }
        if (tolerance == null) {
            throw new IllegalArgumentException("tolerance must not be null");
        }
        if (consecutivePeriods < 1) {
            throw new IllegalArgumentException("consecutivePeriods must be at least 1, was " + consecutivePeriods);
        }
        if (minSamplesPerPeriod < 1) {
            throw new IllegalArgumentException("minSamplesPerPeriod must be at least 1, was " + minSamplesPerPeriod);
        }
    }
}
