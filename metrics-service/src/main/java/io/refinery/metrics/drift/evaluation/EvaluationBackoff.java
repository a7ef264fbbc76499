package io.refinery.metrics.drift.evaluation;

import java.time.Duration;

/**
 * When a drift monitor whose evaluation failed is tried again: {@code base} after the first failure, doubling with
 * each consecutive failure, never more than {@code cap}. A success resets the count.
 */
public record EvaluationBackoff(Duration base, Duration cap) {

    public EvaluationBackoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < base <= cap, got " + base + " and " + cap);
        }
    }

    /** The wait after the {@code failures}-th consecutive failure (1 for the first). */
    public Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        int doublings = Math.min(failures - 1, 62);
        long capMillis = cap.toMillis();
        long millis = base.toMillis();
        for (int i = 0; i < doublings && millis < capMillis; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, capMillis));
    }
}
