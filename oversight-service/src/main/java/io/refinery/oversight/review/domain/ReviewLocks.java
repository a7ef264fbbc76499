package io.refinery.oversight.review.domain;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.refinery.oversight.audit.domain.AuditLog;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * Loads a review for a change in the lock order every writer uses (the audit lock, then the row), so no two writers
 * deadlock and each reads what the previous one committed. Runs in the caller's transaction.
 */
@ApplicationScoped
public class ReviewLocks {

    private final AuditLog audit;

    public ReviewLocks(AuditLog audit) {
        this.audit = audit;
    }

    /** The review, locked; 404 when there is none. */
    public Uni<Review> lock(UUID id) {
        return audit.lock().flatMap(x -> Review.<Review> findById(id, LockModeType.PESSIMISTIC_WRITE))
                .onItem().ifNull().failWith(() -> new NotFoundProblem("no review with id " + id));
    }
}
