package io.refinery.experiments.stats;

/**
 * A CUPED-adjusted comparison.
 *
 * @param theta the regression coefficient θ used; null when it cannot be estimated (fewer than 2 units)
 * @param comparison the comparison of the adjusted arms; its means, lift and interval are of the adjusted metric
 */
public record CupedResult(Double theta, ComparisonResult comparison) {
}
