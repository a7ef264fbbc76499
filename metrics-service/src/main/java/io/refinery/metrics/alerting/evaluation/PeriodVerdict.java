package io.refinery.metrics.alerting.evaluation;

import java.time.Instant;

/**
 * One period as judged by {@link RuleEvaluator}. {@code baseline} and {@code threshold} are set exactly when the
 * verdict is BREACH or WITHIN, and null otherwise. {@code threshold} is the bound the value was compared with:
 * {@code baseline - allowance} for BELOW, {@code baseline + allowance} for ABOVE.
 */
public record PeriodVerdict(
        Instant start,
        double value,
        long samples,
        Double baseline,
        Double threshold,
        Verdict verdict) {

    public PeriodVerdict {
        if (start == null) {
            throw new IllegalArgumentException("start must not be null");
        }
        if (verdict == null) {
            throw new IllegalArgumentException("verdict must not be null");
        }
    }
}
