package io.refinery.experiments.rollout.domain;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.experiment.domain.ExperimentJson;
import io.refinery.platform.problem.UnprocessableProblem;
import io.smallrye.mutiny.Uni;

/** Finds a rollout's pilot experiment: the concluded experiment whose shipped variant the rollout scales. */
@ApplicationScoped
public class RolloutPilots {

    private final ExperimentJson experiments;

    public RolloutPilots(ExperimentJson experiments) {
        this.experiments = experiments;
    }

    /**
     * The pilot {@code in} names, null when it names none; a 422 when it does not exist, runs on another system or has
     * no such variant.
     */
    Uni<Experiment> of(RolloutInput in) {
        if (in.experimentKey() == null) {
            return Uni.createFrom().nullItem();
        }
        return Experiment.<Experiment> find("key", in.experimentKey()).firstResult().map(e -> {
            if (e == null) {
                throw new UnprocessableProblem("experimentKey", "no experiment '" + in.experimentKey() + "'");
            }
            if (!e.systemKey.equals(in.systemKey())) {
                throw new UnprocessableProblem("experimentKey", "experiment '" + e.key + "' runs on " + e.systemKey
                        + ", not " + in.systemKey());
            }
            if (experiments.variants(e).stream().noneMatch(v -> v.key().equals(in.variant()))) {
                throw new UnprocessableProblem("variant", "experiment '" + e.key + "' has no variant '" + in.variant() + "'");
            }
            return e;
        });
    }

    /** The pilot of {@code r}, null when it has none. */
    Uni<Experiment> of(Rollout r) {
        return r.experimentKey == null ? Uni.createFrom().nullItem()
                : Experiment.<Experiment> find("key", r.experimentKey).firstResult();
    }
}
