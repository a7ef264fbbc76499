package io.refinery.metrics.alerting.evaluation;

/**
 * Which side of the baseline is bad.
 *
 * <ul>
 *   <li>{@link #BELOW}: a period breaches when its value is strictly less than {@code baseline - allowance}.</li>
 *   <li>{@link #ABOVE}: a period breaches when its value is strictly greater than {@code baseline + allowance}.</li>
 * </ul>
 *
 * A value exactly equal to the threshold does not breach.
 */
public enum Comparison {
    BELOW,
    ABOVE;

    /**
     * The bound a value is compared with: {@code baseline - allowance} for BELOW, {@code baseline + allowance} for
     * ABOVE.
     */
    public double threshold(double baseline, double allowance) {
        return this == BELOW ? baseline - allowance : baseline + allowance;
    }

    /** Whether {@code value} is strictly beyond {@code threshold} on the bad side; equality is not a breach. */
    public boolean breaches(double value, double threshold) {
        return this == BELOW ? value < threshold : value > threshold;
    }
}
