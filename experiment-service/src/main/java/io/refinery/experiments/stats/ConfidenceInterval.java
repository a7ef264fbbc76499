package io.refinery.experiments.stats;

/**
 * A two-sided interval {@code [lower, upper]}: a confidence interval under the frequentist method, a credible
 * interval under the Bayesian one. Both ends are finite.
 */
public record ConfidenceInterval(double lower, double upper) {

    /** {@code centre ± halfWidth}. */
    static ConfidenceInterval around(double centre, double halfWidth) {
        return new ConfidenceInterval(centre - halfWidth, centre + halfWidth);
    }

    /** Whether {@code value} lies in the closed interval. */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
