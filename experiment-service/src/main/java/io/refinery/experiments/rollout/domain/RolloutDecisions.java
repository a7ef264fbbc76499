package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.experiment.domain.Experiment;
import io.smallrye.mutiny.Uni;

/**
 * Records oversight's decision on the MODEL_ROLLOUT request of a SHIP conclusion; the first decision counts. A
 * rejection is enforced: the pilot no longer counts as shipped ({@link RolloutService#create} then needs an
 * override that oversight approves), and its rollouts that are already serving or waiting at a gate are paused.
 */
@ApplicationScoped
public class RolloutDecisions {

    public enum Outcome { APPROVE, REJECT, MODIFY }

    private final RolloutService rollouts;

    public RolloutDecisions(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    /** Inside the caller's transaction; false when no experiment of ours asked for {@code requestId}. */
    public Uni<Boolean> record(UUID requestId, Outcome outcome, String decidedBy, Instant decidedAt) {
        return Experiment.<Experiment> find("rolloutRequestId", requestId).firstResult().flatMap(e -> {
            if (e == null || e.rolloutDecision != null) {
                return Uni.createFrom().item(false);
            }
            e.rolloutDecision = outcome.name();
            e.rolloutDecidedBy = decidedBy;
            e.rolloutDecidedAt = decidedAt;
            e.updatedAt = Instant.now();
            if (outcome != Outcome.REJECT) {
                return Uni.createFrom().item(true);
            }
            return rollouts.pilotRejected(e, "oversight rejected the MODEL_ROLLOUT of pilot " + e.key + " (decided by "
                    + decidedBy + ")", "oversight/" + requestId).replaceWith(true);
        });
    }
}
