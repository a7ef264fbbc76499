package io.refinery.metrics.messaging;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract of refinery.metrics.rollups: one event per system and metric for each closed day. */
public final class RollupEvents {

    public static final String TOPIC = "refinery.metrics.rollups";
    public static final String CLOSED = "io.refinery.metrics.rollup.closed.v1";

    private RollupEvents() {
    }

    /** A closed period of one metric of one system: all segments together, then each segment. */
    @RegisterForReflection
    public record RollupClosed(String systemKey, String metric, String period, Instant start, Instant end, double value,
            long count, long samples, double min, double max, List<SegmentValue> segments) {
    }

    @RegisterForReflection
    public record SegmentValue(String segment, double value, long count, long samples) {
    }
}
