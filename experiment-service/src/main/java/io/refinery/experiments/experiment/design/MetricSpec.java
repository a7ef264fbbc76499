package io.refinery.experiments.experiment.design;

import io.refinery.experiments.stats.MetricType;

/**
 * The primary success metric and what the sample size is planned on.
 *
 * @param name metric name as outcomes carry it
 * @param type BINOMIAL (a unit converts when its summed value is above 0) or CONTINUOUS (the summed value per unit)
 * @param direction which way is better
 * @param minimumDetectableEffect smallest relative change worth detecting, e.g. 0.05
 * @param baselineRate BINOMIAL: current conversion rate
 * @param baselineMean CONTINUOUS: current mean per unit
 * @param baselineStdDev CONTINUOUS: current standard deviation per unit
 */
public record MetricSpec(String name, MetricType type, Direction direction, double minimumDetectableEffect,
        Double baselineRate, Double baselineMean, Double baselineStdDev) {
}
