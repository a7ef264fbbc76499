package io.refinery.experiments.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Records oversight's decision on the MODEL_ROLLOUT request of a SHIP conclusion; the first decision counts. */
@ApplicationScoped
public class RolloutDecisions {

    public enum Outcome { APPROVE, REJECT, MODIFY }

    /** Inside the caller's transaction; false when no experiment of ours asked for {@code requestId}. */
    public Uni<Boolean> record(UUID requestId, Outcome outcome, String decidedBy, Instant decidedAt) {
        return Experiment.<Experiment> find("rolloutRequestId", requestId).firstResult().map(e -> {
            if (e == null || e.rolloutDecision != null) {
                return false;
            }
            e.rolloutDecision = outcome.name();
            e.rolloutDecidedBy = decidedBy;
            e.rolloutDecidedAt = decidedAt;
            e.updatedAt = Instant.now();
            return true;
        });
    }
}
