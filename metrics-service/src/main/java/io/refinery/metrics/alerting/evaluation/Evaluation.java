package io.refinery.metrics.alerting.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * The result of {@link RuleEvaluator#evaluate}: one verdict per period (same order), the number of BREACH verdicts
 * in the streak still open at the end of the list, the resulting {@link RuleState}, and those BREACH verdicts
 * (chronological; periods skipped inside the streak are not in it). {@code consecutiveBreaches} always equals
 * {@code breachingStreak.size()}.
 */
public record Evaluation(
        List<PeriodVerdict> verdicts,
        int consecutiveBreaches,
        RuleState state,
        List<PeriodVerdict> breachingStreak) {

    public Evaluation {
        verdicts = List.copyOf(verdicts);
        breachingStreak = List.copyOf(breachingStreak);
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
        if (consecutiveBreaches != breachingStreak.size()) {
            throw new IllegalArgumentException("consecutiveBreaches (" + consecutiveBreaches
                    + ") must equal the size of breachingStreak (" + breachingStreak.size() + ")");
        }
    }

    /** The last verdict that was compared with a threshold (BREACH or WITHIN), if any. */
    public Optional<PeriodVerdict> lastDecisiveVerdict() {
        for (int i = verdicts.size() - 1; i >= 0; i--) {
            if (verdicts.get(i).verdict().isDecisive()) {
                return Optional.of(verdicts.get(i));
            }
        }
        return Optional.empty();
    }
}
