package io.refinery.experiments.experiment.design;

/**
 * The always-valid p-value and interval (on the absolute difference) of a treatment at the last recorded look,
 * passed to the next look so the p-value never rises and the interval never widens.
 */
public record SequentialLook(Double pValue, Double lower, Double upper) {
}
