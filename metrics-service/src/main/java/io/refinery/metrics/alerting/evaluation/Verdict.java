package io.refinery.metrics.alerting.evaluation;

/**
 * What {@link RuleEvaluator} concluded about one period.
 *
 * <ul>
 *   <li>{@link #BREACH}: the value is strictly beyond the threshold; counts toward the streak.</li>
 *   <li>{@link #WITHIN}: the value is on or inside the threshold; resets the streak to 0.</li>
 *   <li>{@link #INSUFFICIENT_SAMPLES}: fewer samples than the rule's minimum, or a NaN/infinite value; neither counts
 *       nor resets, and never part of a trailing baseline.</li>
 *   <li>{@link #NO_BASELINE}: a trailing baseline had no earlier sufficient-sample period to use; neither counts nor
 *       resets (the period itself can be part of later baselines).</li>
 * </ul>
 */
public enum Verdict {
    BREACH,
    WITHIN,
    INSUFFICIENT_SAMPLES,
    NO_BASELINE;

    /** Whether the period was actually compared with a threshold (BREACH or WITHIN). */
    public boolean isDecisive() {
        return this == BREACH || this == WITHIN;
    }
}
