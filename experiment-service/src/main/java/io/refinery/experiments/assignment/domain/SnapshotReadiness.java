package io.refinery.experiments.assignment.domain;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A replica is ready once it can serve assignments: its first experiment snapshot is loaded. */
@Readiness
@ApplicationScoped
public class SnapshotReadiness implements HealthCheck {

    private final Assignments assignments;

    public SnapshotReadiness(Assignments assignments) {
        this.assignments = assignments;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("experiment-snapshot").status(assignments.loaded()).build();
    }
}
