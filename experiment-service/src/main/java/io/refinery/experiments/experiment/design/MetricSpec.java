package io.refinery.experiments.experiment.design;

import io.refinery.experiments.stats.MetricType;

/**
 * The primary success metric and what the sample size is planned on.
 *
 * @param name metric name as outcomes carry it
 * @param type BINOMIAL (a unit converts when its summed value is above 0), CONTINUOUS (the summed value per unit) or
 *     RATIO (Σ of this metric over Σ of {@code denominator}, per variant, with units as the unit of randomisation) or
 *     QUANTILE (the {@code quantile} of the values of the units that reported the metric)
 * @param direction which way is better
 * @param minimumDetectableEffect smallest relative change worth detecting, e.g. 0.05
 * @param baselineRate BINOMIAL: current conversion rate
 * @param baselineMean CONTINUOUS: current mean per unit; RATIO: current ratio; QUANTILE: current quantile
 * @param baselineStdDev CONTINUOUS: current standard deviation per unit; RATIO and QUANTILE: the estimate's standard
 *     error times √n (a RATIO or QUANTILE result's stdDev)
 * @param denominator RATIO: the metric {@code name} is divided by (e.g. sessions for revenue per session); else null
 * @param quantile QUANTILE: which quantile of the units' values, e.g. 0.9 for p90; else null
 * @param nonInferiorityMargin for a change meant to be cheaper rather than better: the relative loss tolerated on this
 *     metric (e.g. 0.02); the results then test non-inferiority and the recommendation ships a treatment proven no
 *     worse than that; null for a superiority test
 */
public record MetricSpec(String name, MetricType type, Direction direction, double minimumDetectableEffect,
        Double baselineRate, Double baselineMean, Double baselineStdDev, String denominator, Double quantile,
        Double nonInferiorityMargin) {
}
