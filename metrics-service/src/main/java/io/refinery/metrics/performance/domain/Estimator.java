package io.refinery.metrics.performance.domain;

import java.time.Instant;

/** A system's fitted performance estimator: its settings, what was fitted, and when it runs. */
public record Estimator(EstimatorSettings settings, EstimatorModel model, Instant fittedAt, Instant nextEstimationAt,
        Instant lastEstimatedAt, Instant lastRecheckAt, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
}
