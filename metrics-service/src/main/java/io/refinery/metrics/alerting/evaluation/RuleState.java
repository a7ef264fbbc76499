package io.refinery.metrics.alerting.evaluation;

/**
 * Where a rule stands after an evaluation, from the number of breaches in the open streak and the rule's
 * {@code consecutivePeriods} N:
 *
 * <ul>
 *   <li>{@link #FIRING}: at least N breaches.</li>
 *   <li>{@link #PENDING}: between 1 and N - 1 breaches.</li>
 *   <li>{@link #OK}: no open streak.</li>
 * </ul>
 */
public enum RuleState {
    OK,
    PENDING,
    FIRING;

    /**
     * The state for {@code consecutiveBreaches} breaches in the open streak, for a rule needing
     * {@code consecutivePeriods}.
     */
    public static RuleState of(int consecutiveBreaches, int consecutivePeriods) {
        if (consecutivePeriods < 1) {
            throw new IllegalArgumentException("consecutivePeriods must be at least 1, was " + consecutivePeriods);
        }
        if (consecutiveBreaches >= consecutivePeriods) {
            return FIRING;
        }
        return consecutiveBreaches >= 1 ? PENDING : OK;
    }
}
