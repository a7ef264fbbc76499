package io.refinery.platform.events;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@value #TYPE} on {@value #TOPIC}: metrics-service closed one period of one metric of one system. The
 * figures are for all segments together, then per segment. One record for the producer (metrics-service) and the
 * consumers (feedback-service's contradiction check); {@link RollupEvents} reads it.
 *
 * @param period   the period's length as an ISO-8601 duration ({@code P1D})
 * @param value    the period's value (a rate: successes over samples; a mean otherwise)
 * @param count    how many observations made it
 * @param samples  how many units they covered (the denominator of a rate)
 * @param segments the same figures per segment, when the observations named segments
 */
@RegisterForReflection
public record RollupClosed(String systemKey, String metric, String period, Instant start, Instant end, double value,
        long count, long samples, double min, double max, List<SegmentValue> segments) {

    public static final String TOPIC = "refinery.metrics.rollups";
    public static final String TYPE = "io.refinery.metrics.rollup.closed.v1";

    /** One segment's figures for the period. */
    @RegisterForReflection
    public record SegmentValue(String segment, double value, long count, long samples) {
    }
}
