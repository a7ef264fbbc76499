package io.refinery.metrics.observation.domain;

import java.time.Instant;

/**
 * One metric observation of one AI system. {@code numerator}/{@code denominator} are both set for rates
 * (e.g. clicks over impressions), which then roll up as Σnumerator/Σdenominator rather than a mean of ratios.
 */
public record Observation(String id, String systemKey, String metric, double value, Double numerator,
        Double denominator, Instant observedAt, String segment, String dimensionsJson) {
}
