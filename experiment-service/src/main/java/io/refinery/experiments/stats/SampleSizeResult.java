package io.refinery.experiments.stats;

/**
 * How many units each variant needs, rounded up.
 *
 * @param unitsPerVariant units per variant, including control
 */
public record SampleSizeResult(long unitsPerVariant) {
}
