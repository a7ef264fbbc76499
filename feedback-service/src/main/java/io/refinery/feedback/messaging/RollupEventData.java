package io.refinery.feedback.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code data} of metrics-service's {@code io.refinery.metrics.rollup.closed.v1} on refinery.metrics.rollups:
 * one closed period of one metric of one system (all segments together). Fields this service does not use
 * (count, min, max, segments) are ignored.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollupEventData(String systemKey, String metric, String period, Instant start, Instant end, Double value,
        Long samples) {

    public static final String TOPIC = "refinery.metrics.rollups";
    public static final String CLOSED = "io.refinery.metrics.rollup.closed.v1";

    /** The name of the first missing or impossible field, or null when the rollup is usable. */
    public String problem() {
        if (systemKey == null || systemKey.isBlank()) {
            return "systemKey";
        }
        if (metric == null || metric.isBlank()) {
            return "metric";
        }
        if (period == null || period.isBlank()) {
            return "period";
        }
        if (start == null) {
            return "start";
        }
        if (end == null || !end.isAfter(start)) {
            return "end";
        }
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "value";
        }
        return samples == null || samples < 0 ? "samples" : null;
    }
}
