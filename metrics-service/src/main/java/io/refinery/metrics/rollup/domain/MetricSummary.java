package io.refinery.metrics.rollup.domain;

import java.time.Instant;

/** A metric seen for a system: when it was first and last observed (by day) and how many observations it has. */
public record MetricSummary(String metric, Instant firstDay, Instant lastDay, long observations) {
}
