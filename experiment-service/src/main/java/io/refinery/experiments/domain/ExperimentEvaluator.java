package io.refinery.experiments.domain;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Evaluates an experiment's results for the lifecycle (results arrive with exposures and outcomes). */
@ApplicationScoped
public class ExperimentEvaluator {

    /** The verdict of {@code e}'s data as of {@code at}, inside the caller's session. */
    public Uni<Verdict> verdict(Experiment e, Instant at) {
        return Uni.createFrom().item(Verdict.NONE);
    }
}
