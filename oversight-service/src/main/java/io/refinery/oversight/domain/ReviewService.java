package io.refinery.oversight.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.messaging.DecisionMade;
import io.refinery.oversight.messaging.EventTypes;
import io.refinery.oversight.policy.Impact;
import io.refinery.oversight.policy.Policy;
import io.refinery.oversight.policy.Resolution;
import io.refinery.oversight.policy.RiskSignal;
import io.refinery.oversight.policy.Subject;
import io.refinery.oversight.policy.Tier;
import io.refinery.oversight.policy.TierResolver;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.RefusedProblem;
import io.refinery.platform.outbox.Outbox;

/**
 * Oversight requests from submission to decision. Submission resolves the tier and either records an automatic
 * approval (EXCEPTION_HANDLING) or queues the request with a due time. Decisions follow the four-eyes rules:
 * nobody decides what they submitted, two approvals come from two distinct people (the second from an
 * approver), and a decided request stays decided. Every step is audited; decisions publish
 * io.refinery.oversight.decision.made.v1 through the outbox.
 */
@ApplicationScoped
public class ReviewService {

    /**
     * A request as submitted over HTTP or read from refinery.oversight.requests. {@code id} is the review's key,
     * {@code clientId} the id the client sent when it was not a UUID (null when it was), see {@link ReviewIds}.
     */
    public record Submission(UUID id, String clientId, String systemKey, String actionType, String summary, String payloadJson,
            Double magnitude, Double amount, Double confidence, String category, String sourceService,
            String sourceEventId, String submittedBy) {
    }

    /** The stored review, and whether this call created it (false: an idempotent repeat). */
    public record Submitted(Review review, boolean created) {
    }

    /** A decision by one person; {@code roles} are the decider's token groups. */
    public record DecisionInput(Review.Outcome outcome, String rationale, String modifications, String decider,
            boolean isApprover, boolean isAdmin) {
    }

    public static final String AUTO_DECIDER = "oversight-service";

    private final AiSystemRepository systems;
    private final PolicyService policies;
    private final AuditLog audit;
    private final Outbox outbox;
    private final RelaxationTracker relaxation;
    private final Clock clock;

    public ReviewService(AiSystemRepository systems, PolicyService policies, AuditLog audit, Outbox outbox,
            RelaxationTracker relaxation, Clock clock) {
        this.systems = systems;
        this.policies = policies;
        this.audit = audit;
        this.outbox = outbox;
        this.relaxation = relaxation;
        this.clock = clock;
    }

    /** A request from outside; OVERSIGHT_RELAXATION is refused (only this service opens those, from the track). */
    @WithTransaction
    public Uni<Submitted> submit(Submission s) {
        if (RelaxationTracker.RELAXATION.equals(s.actionType())) {
            return Uni.createFrom().failure(new InvalidFieldsProblem("actionType", RelaxationTracker.RELAXATION
                    + " requests are opened by oversight-service itself when a decision track meets the relaxation bar"));
        }
        return Review.<Review> findById(s.id()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new Submitted(existing, false));
            }
            Uni<Review> bySource = s.sourceEventId() == null ? Uni.createFrom().nullItem()
                    : Review.<Review> find("sourceEventId", s.sourceEventId()).firstResult();
            return bySource.flatMap(same -> same != null ? Uni.createFrom().item(new Submitted(same, false)) : create(s));
        });
    }

    private Uni<Submitted> create(Submission s) {
        return systems.findByKey(s.systemKey()).flatMap(system -> policies.latestOrNull(s.systemKey()).flatMap(versioned -> {
            Policy policy = versioned == null ? Policy.none() : versioned.policy();
            Resolution r = relaxationFloor(s.actionType(), TierResolver.resolve(policy, riskOf(system),
                    new Subject(s.actionType(), s.magnitude(), s.amount(), s.confidence(), s.category())));
            Instant now = now();
            Review review = new Review();
            review.id = s.id();
            review.clientId = s.clientId();
            review.systemKey = s.systemKey();
            review.actionType = s.actionType();
            review.summary = s.summary();
            review.payload = s.payloadJson();
            review.magnitude = s.magnitude();
            review.amount = s.amount();
            review.confidence = s.confidence();
            review.category = s.category();
            review.sourceService = s.sourceService();
            review.sourceEventId = s.sourceEventId();
            review.submittedBy = s.submittedBy();
            review.tier = r.tier();
            review.requiredApprovals = r.requiredApprovals();
            review.policyVersion = versioned == null ? null : versioned.row().version;
            review.resolution = String.join("; ", r.reasons());
            review.escalationRole = r.escalationRole();
            review.createdAt = now;
            if (r.tier() == Tier.EXCEPTION_HANDLING) {
                review.state = Review.State.AUTO_APPROVED;
                review.dueAt = now;
                review.decidedAt = now;
                review.decidedBy = AUTO_DECIDER;
                review.outcome = Review.Outcome.APPROVE;
                review.rationale = "auto-approved under EXCEPTION_HANDLING: " + review.resolution;
            } else {
                review.state = Review.State.PENDING;
                review.dueAt = now.plus(r.sla());
            }
            Map<String, Object> details = new HashMap<>();
            details.put("actionType", s.actionType());
            details.put("tier", r.tier().name());
            details.put("requiredApprovals", r.requiredApprovals());
            details.put("resolution", review.resolution);
            details.put("policyVersion", review.policyVersion == null ? "none" : review.policyVersion);
            details.put("source", s.sourceService() == null ? "http" : s.sourceService() + "/" + s.sourceEventId());
            Uni<Review> saved = review.<Review> persist()
                    .call(() -> audit.append(s.submittedBy(), "REVIEW_SUBMITTED", s.systemKey(), s.id().toString(), details));
            if (review.state == Review.State.AUTO_APPROVED) {
                saved = saved.call(() -> audit.append(AUTO_DECIDER, "REVIEW_AUTO_APPROVED", s.systemKey(), s.id().toString(),
                        Map.of("rationale", review.rationale))).call(() -> publishDecision(review, List.of(), true));
            }
            return saved.map(x -> new Submitted(review, true));
        }));
    }

    /** Nothing relaxes without a human approval: a relaxation proposal is always REVIEW_AND_APPROVAL. */
    private static Resolution relaxationFloor(String actionType, Resolution r) {
        if (!RelaxationTracker.RELAXATION.equals(actionType) || r.tier() == Tier.REVIEW_AND_APPROVAL) {
            return r;
        }
        List<String> reasons = new java.util.ArrayList<>(r.reasons());
        reasons.add("an " + RelaxationTracker.RELAXATION + " always needs an approver: REVIEW_AND_APPROVAL");
        return new Resolution(Tier.REVIEW_AND_APPROVAL, r.requiredApprovals(), r.sla(), r.escalationRole(), r.ruleIndex(),
                r.basis(), reasons);
    }

    @WithTransaction
    public Uni<Review> claim(UUID id, String actor) {
        return pendingForUpdate(id).flatMap(review -> {
            if (review.assignee != null && !review.assignee.equals(actor)) {
                return Uni.createFrom().failure(new ConflictProblem("assignee", "already claimed by " + review.assignee));
            }
            review.assignee = actor;
            return audit.append(actor, "REVIEW_CLAIMED", review.systemKey, id.toString(), Map.of()).replaceWith(review);
        });
    }

    @WithTransaction
    public Uni<Review> release(UUID id, String actor, boolean isAdmin) {
        return pendingForUpdate(id).flatMap(review -> {
            if (review.assignee == null) {
                return Uni.createFrom().failure(new ConflictProblem("assignee", "the request is not claimed"));
            }
            if (!review.assignee.equals(actor) && !isAdmin) {
                return Uni.createFrom().failure(new ConflictProblem("assignee", "claimed by " + review.assignee
                        + "; only they or an admin can release it"));
            }
            String previous = review.assignee;
            review.assignee = null;
            return audit.append(actor, "REVIEW_RELEASED", review.systemKey, id.toString(), Map.of("previousAssignee", previous))
                    .replaceWith(review);
        });
    }

    @WithTransaction
    public Uni<Review> decide(UUID id, DecisionInput d) {
        return audit.lock().flatMap(x -> Review.<Review> findById(id, LockModeType.PESSIMISTIC_WRITE)).flatMap(review -> {
            if (review == null) {
                return Uni.createFrom().failure(new NotFoundProblem("no review with id " + id));
            }
            if (review.state != Review.State.PENDING) {
                return Uni.createFrom().failure(new ConflictProblem("state", "the request was already decided ("
                        + review.state + " by " + review.decidedBy + ")"));
            }
            if (d.decider().equals(review.submittedBy)) {
                return Uni.createFrom().failure(new RefusedProblem("decidedBy",
                        "nobody decides a request they submitted (" + review.submittedBy + ")"));
            }
            if (RelaxationTracker.RELAXATION.equals(review.actionType)) {
                if (!d.isApprover() && !d.isAdmin()) {
                    return Uni.createFrom().failure(new RefusedProblem("decidedBy",
                            "a relaxation of oversight is decided by someone with the approver role"));
                }
                if (d.outcome() == Review.Outcome.MODIFY) {
                    return Uni.createFrom().failure(new InvalidFieldsProblem("outcome", "a relaxation is approved or "
                            + "rejected as proposed; to change it, reject it and edit the policy"));
                }
            }
            if (review.tier == Tier.DEEP_COLLABORATION) {
                return Uni.createFrom().failure(new ConflictProblem("tier",
                        "a DEEP_COLLABORATION request is decided jointly in its session: POST /api/v1/reviews/" + id
                                + "/session/decision"));
            }
            return approvalsOf(id).flatMap(approvals -> {
                if (d.outcome() == Review.Outcome.REJECT) {
                    return finish(review, d, approvals.stream().map(a -> a.approver).toList());
                }
                if (approvals.stream().anyMatch(a -> a.approver.equals(d.decider()))) {
                    return Uni.createFrom().failure(new ConflictProblem("decidedBy", d.decider()
                            + " already approved this request; the second approval must come from someone else"));
                }
                boolean last = approvals.size() + 1 >= review.requiredApprovals;
                if (last && review.requiredApprovals > 1 && !d.isApprover() && !d.isAdmin()) {
                    return Uni.createFrom().failure(new RefusedProblem("decidedBy",
                            "the second approval of a four-eyes request needs the approver role"));
                }
                ReviewApproval approval = new ReviewApproval();
                approval.reviewId = id;
                approval.approver = d.decider();
                approval.outcome = d.outcome();
                approval.rationale = d.rationale();
                approval.modifications = d.modifications();
                approval.approvedAt = now();
                return approval.persist().flatMap(x -> {
                    if (!last) {
                        return audit.append(d.decider(), "REVIEW_APPROVAL_RECORDED", review.systemKey, id.toString(),
                                Map.of("outcome", d.outcome().name(), "rationale", d.rationale(), "approvals",
                                        approvals.size() + 1, "requiredApprovals", review.requiredApprovals))
                                .replaceWith(review);
                    }
                    List<String> approvers = new java.util.ArrayList<>(approvals.stream().map(a -> a.approver).toList());
                    approvers.add(d.decider());
                    boolean modified = d.outcome() == Review.Outcome.MODIFY
                            || approvals.stream().anyMatch(a -> a.outcome == Review.Outcome.MODIFY);
                    DecisionInput finalInput = modified && d.outcome() != Review.Outcome.MODIFY
                            ? new DecisionInput(Review.Outcome.MODIFY, d.rationale(), lastModifications(approvals), d.decider(),
                                    d.isApprover(), d.isAdmin())
                            : d;
                    return finish(review, finalInput, approvers);
                });
            });
        });
    }

    private static String lastModifications(List<ReviewApproval> approvals) {
        String m = null;
        for (ReviewApproval a : approvals) {
            if (a.modifications != null) {
                m = a.modifications;
            }
        }
        return m;
    }

    /** The joint decision of a collaboration session, recorded with every participant. */
    public Uni<Review> finishJointly(Review review, DecisionInput d, List<String> participants) {
        return finish(review, d, participants);
    }

    private Uni<Review> finish(Review review, DecisionInput d, List<String> approvers) {
        review.outcome = d.outcome();
        review.state = switch (d.outcome()) {
            case APPROVE -> Review.State.APPROVED;
            case REJECT -> Review.State.REJECTED;
            case MODIFY -> Review.State.MODIFIED;
        };
        review.decidedAt = now();
        review.decidedBy = d.decider();
        review.rationale = d.rationale();
        review.modifications = d.modifications();
        Map<String, Object> details = new HashMap<>();
        details.put("outcome", d.outcome().name());
        details.put("rationale", d.rationale());
        details.put("approvers", approvers);
        if (d.modifications() != null) {
            details.put("modifications", d.modifications());
        }
        return audit.append(d.decider(), "REVIEW_DECIDED", review.systemKey, review.id.toString(), details)
                .call(() -> publishDecision(review, approvers, false))
                .call(() -> afterDecision(review, d))
                .replaceWith(review);
    }

    /** An approved relaxation becomes a policy version; any other human decision may complete a track's run. */
    private Uni<Void> afterDecision(Review review, DecisionInput d) {
        if (RelaxationTracker.RELAXATION.equals(review.actionType)) {
            return review.outcome == Review.Outcome.APPROVE ? relaxation.applyApproved(review, d.decider())
                    : Uni.createFrom().voidItem();
        }
        return relaxation.proposalAfter(review).flatMap(proposal -> proposal == null ? Uni.createFrom().voidItem()
                : create(proposal).replaceWithVoid());
    }

    /** Closes a pending relaxation proposal that an incident overtook, as a REJECT by this service saying why. */
    public Uni<Review> withdraw(Review proposal, String reason) {
        return finish(proposal, new DecisionInput(Review.Outcome.REJECT, "withdrawn: " + reason, null, AUTO_DECIDER, false, false),
                List.of());
    }

    Uni<Void> publishDecision(Review review, List<String> approvers, boolean automatic) {
        DecisionMade data = new DecisionMade(review.id, review.systemKey, review.actionType, review.outcome.name(),
                review.decidedBy, review.rationale, review.decidedAt, review.tier.name(), approvers, review.modifications,
                review.sourceService == null ? null : new DecisionMade.Source(review.sourceService, review.sourceEventId),
                automatic, review.clientId);
        return outbox.append(EventTypes.DECISIONS_TOPIC, EventTypes.DECISION_MADE, review.systemKey, data).replaceWithVoid();
    }

    @WithSession
    public Uni<Review> get(UUID id) {
        return Review.<Review> findById(id).onItem().ifNull().failWith(() -> new NotFoundProblem("no review with id " + id));
    }

    @WithSession
    public Uni<List<ReviewApproval>> approvals(UUID id) {
        return approvalsOf(id);
    }

    private Uni<List<ReviewApproval>> approvalsOf(UUID id) {
        return ReviewApproval.<ReviewApproval> find("reviewId", Sort.by("approvedAt"), id).list();
    }

    /** The queue: filters are optional; ordered by due time then id, after the (dueAt, id) position if given. */
    @WithSession
    public Uni<List<Review>> queue(Review.State state, Tier tier, String systemKey, String assignee, Instant afterDue,
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

    /** Locks in the order every writer uses (the audit lock, then the row), so no two writers deadlock. */
    private Uni<Review> pendingForUpdate(UUID id) {
        return audit.lock().flatMap(x -> Review.<Review> findById(id, LockModeType.PESSIMISTIC_WRITE)).flatMap(review -> {
            if (review == null) {
                return Uni.createFrom().failure(new NotFoundProblem("no review with id " + id));
            }
            if (review.state != Review.State.PENDING) {
                return Uni.createFrom().failure(new ConflictProblem("state", "the request is " + review.state));
            }
            return Uni.createFrom().item(review);
        });
    }

    static RiskSignal riskOf(AiSystem system) {
        if (system == null || system.riskProfile == null || system.riskProfile.brandImpact == null) {
            return null;
        }
        RiskProfile p = system.riskProfile;
        return new RiskSignal(Impact.valueOf(p.brandImpact.name()), Impact.valueOf(p.financialImpact.name()),
                Impact.valueOf(p.customerImpact.name()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
