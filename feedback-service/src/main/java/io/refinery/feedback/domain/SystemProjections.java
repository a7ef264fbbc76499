package io.refinery.feedback.domain;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Keeps the local copy of the AI system registry; newer revisions win, whatever order events arrive in. */
@ApplicationScoped
public class SystemProjections {

    /** Applies a snapshot inside the caller's transaction; returns whether it changed the projection. */
    public Uni<Boolean> apply(SystemSnapshot snapshot) {
        return SystemProjection.<SystemProjection> findById(snapshot.key()).flatMap(current -> {
            if (current != null && current.revision >= snapshot.revision()) {
                return Uni.createFrom().item(false);
            }
            SystemProjection p = current != null ? current : new SystemProjection();
            p.systemKey = snapshot.key();
            p.name = snapshot.name();
            p.kind = snapshot.kind();
            p.ownerTeam = snapshot.ownerTeam();
            p.brandImpact = snapshot.brandImpact();
            p.financialImpact = snapshot.financialImpact();
            p.customerImpact = snapshot.customerImpact();
            p.revision = snapshot.revision();
            p.updatedAt = snapshot.updatedAt();
            p.receivedAt = Instant.now();
            return p.persist().replaceWith(true);
        });
    }

    @WithSession
    public Uni<SystemProjection> get(String key) {
        return SystemProjection.<SystemProjection> findById(key).onItem().ifNull()
                .failWith(() -> new NotFoundProblem("no AI system with key '" + key
                        + "' is known here (yet); systems are registered on oversight-service"));
    }
}
