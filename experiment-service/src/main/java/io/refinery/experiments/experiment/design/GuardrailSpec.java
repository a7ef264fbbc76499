package io.refinery.experiments.experiment.design;

import io.refinery.experiments.stats.MetricType;

/**
 * A metric a winning variant must not hurt.
 *
 * @param name metric name as outcomes carry it
 * @param type BINOMIAL, CONTINUOUS, RATIO or QUANTILE
 * @param direction which way is better
 * @param maxRegression the largest relative change in the bad direction that is tolerated, e.g. 0.02
 * @param denominator RATIO: the metric {@code name} is divided by; else null
 * @param quantile QUANTILE: which quantile, e.g. 0.95; else null
 */
public record GuardrailSpec(String name, MetricType type, Direction direction, double maxRegression,
        String denominator, Double quantile) {
}
