package io.refinery.oversight.review.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.audit.domain.AuditLog;
import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.rules.ClaimRules;
import io.refinery.oversight.review.rules.ReviewState;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * The queue of requests as reviewers work it: read one or a page by due time, and claim or release a pending one
 * ({@link ClaimRules}); claims and releases are audited.
 */
@ApplicationScoped
public class ReviewQueue {

    private final ReviewLocks locks;
    private final AuditLog audit;

    public ReviewQueue(ReviewLocks locks, AuditLog audit) {
        this.locks = locks;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Review> claim(UUID id, String actor) {
        return locks.lock(id).flatMap(review -> RuleProblems.refuseIf(ClaimRules.claim(review.facts(), actor)).flatMap(x -> {
            review.assignee = actor;
            return audit.append(actor, "REVIEW_CLAIMED", review.systemKey, id.toString(), Map.of()).replaceWith(review);
        }));
    }

    @WithTransaction
    public Uni<Review> release(UUID id, String actor, boolean isAdmin) {
        return locks.lock(id).flatMap(review -> RuleProblems.refuseIf(ClaimRules.release(review.facts(), actor, isAdmin)).flatMap(x -> {
            String previous = review.assignee;
            review.assignee = null;
            return audit.append(actor, "REVIEW_RELEASED", review.systemKey, id.toString(), Map.of("previousAssignee", previous))
                    .replaceWith(review);
        }));
    }

    @WithSession
    public Uni<Review> get(UUID id) {
        return Review.<Review> findById(id).onItem().ifNull().failWith(() -> new NotFoundProblem("no review with id " + id));
    }

    @WithSession
    public Uni<List<ReviewApproval>> approvals(UUID id) {
        return ReviewApproval.<ReviewApproval> find("reviewId", Sort.by("approvedAt"), id).list();
    }

    /** The queue: filters are optional; ordered by due time then id, after the (dueAt, id) position if given. */
    @WithSession
    public Uni<List<Review>> page(ReviewState state, Tier tier, String systemKey, String assignee, Instant afterDue,
            UUID afterId, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new HashMap<>();
        if (state != null) {
            q.append(" and state = :state");
            p.put("state", state);
        }
        if (tier != null) {
            q.append(" and tier = :tier");
            p.put("tier", tier);
        }
        if (systemKey != null) {
            q.append(" and systemKey = :systemKey");
            p.put("systemKey", systemKey);
        }
        if (assignee != null) {
            q.append(" and assignee = :assignee");
            p.put("assignee", assignee);
        }
        if (afterDue != null) {
            q.append(" and (dueAt > :due or (dueAt = :due and id > :id))");
            p.put("due", afterDue);
            p.put("id", afterId);
        }
        return Review.<Review> find(q.toString(), Sort.by("dueAt").and("id"), p).range(0, limit - 1).list();
    }
}
