package io.refinery.oversight.review.domain;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.audit.domain.AuditLog;
import io.refinery.oversight.relaxation.domain.RelaxationTracker;
import io.refinery.oversight.review.rules.Approval;
import io.refinery.oversight.review.rules.Decider;
import io.refinery.oversight.review.rules.DecisionRules;
import io.refinery.oversight.review.rules.DecisionStep;
import io.refinery.oversight.review.rules.Outcome;
import io.refinery.oversight.review.rules.ReviewState;
import io.smallrye.mutiny.Uni;

/**
 * Decisions on queued requests. {@link DecisionRules} rules each one (four eyes, no self-approval, decided stays
 * decided); this class loads the review and its approvals under the lock, stores what the rules say, audits it and
 * publishes io.refinery.oversight.decision.made.v1 through the outbox. A decision may complete a relaxation track's
 * run (a proposal is opened) and an approved relaxation becomes a policy version.
 */
@ApplicationScoped
public class ReviewDecisions {

    private final ReviewLocks locks;
    private final ReviewSubmissions submissions;
    private final AuditLog audit;
    private final DecisionEvents events;
    private final RelaxationTracker relaxation;
    private final Clock clock;

    public ReviewDecisions(ReviewLocks locks, ReviewSubmissions submissions, AuditLog audit, DecisionEvents events,
            RelaxationTracker relaxation, Clock clock) {
        this.locks = locks;
        this.submissions = submissions;
        this.audit = audit;
        this.events = events;
        this.relaxation = relaxation;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Review> decide(UUID id, DecisionInput d) {
        return locks.lock(id).flatMap(review -> approvalsOf(id).flatMap(approvals -> {
            DecisionStep step = DecisionRules.decide(review.facts(), approvals.stream()
                    .map(a -> new Approval(a.approver, a.outcome, a.modifications)).toList(), d.outcome(), d.modifications(),
                    d.decider());
            if (step instanceof DecisionStep.Refused refused) {
                return Uni.createFrom().failure(RuleProblems.of(refused.refusal()));
            }
            if (step instanceof DecisionStep.ApprovalRecorded recorded) {
                return recordApproval(id, d).call(() -> audit.append(d.decider().name(), "REVIEW_APPROVAL_RECORDED",
                        review.systemKey, id.toString(), Map.of("outcome", d.outcome().name(), "rationale", d.rationale(),
                                "approvals", recorded.given(), "requiredApprovals", recorded.required())))
                        .replaceWith(review);
            }
            DecisionStep.Decided decided = (DecisionStep.Decided) step;
            DecisionInput result = new DecisionInput(decided.outcome(), d.rationale(), decided.modifications(), d.decider());
            Uni<Void> approval = decided.recordsApproval() ? recordApproval(id, d) : Uni.createFrom().voidItem();
            return approval.flatMap(x -> finish(review, result, decided.approvers()));
        }));
    }

    /** The joint decision of a collaboration session, recorded with every participant. */
    public Uni<Review> finishJointly(Review review, DecisionInput d, List<String> participants) {
        return finish(review, d, participants);
    }

    /** Closes a pending relaxation proposal that an incident overtook, as a REJECT by this service saying why. */
    public Uni<Review> withdraw(Review proposal, String reason) {
        return finish(proposal, new DecisionInput(Outcome.REJECT, "withdrawn: " + reason, null,
                new Decider(Review.AUTO_DECIDER, false, false)), List.of());
    }

    private Uni<List<ReviewApproval>> approvalsOf(UUID id) {
        return ReviewApproval.<ReviewApproval> find("reviewId", Sort.by("approvedAt"), id).list();
    }

    private Uni<Void> recordApproval(UUID id, DecisionInput d) {
        ReviewApproval approval = new ReviewApproval();
        approval.reviewId = id;
        approval.approver = d.decider().name();
        approval.outcome = d.outcome();
        approval.rationale = d.rationale();
        approval.modifications = d.modifications();
        approval.approvedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return approval.persist().replaceWithVoid();
    }

    private Uni<Review> finish(Review review, DecisionInput d, List<String> approvers) {
        review.outcome = d.outcome();
        review.state = ReviewState.decidedAs(d.outcome());
        review.decidedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        review.decidedBy = d.decider().name();
        review.rationale = d.rationale();
        review.modifications = d.modifications();
        Map<String, Object> details = new HashMap<>();
        details.put("outcome", d.outcome().name());
        details.put("rationale", d.rationale());
        details.put("approvers", approvers);
        if (d.modifications() != null) {
            details.put("modifications", d.modifications());
        }
        return audit.append(d.decider().name(), "REVIEW_DECIDED", review.systemKey, review.id.toString(), details)
                .call(() -> events.decided(review, approvers, false))
                .call(() -> afterDecision(review, d))
                .replaceWith(review);
    }

    /** An approved relaxation becomes a policy version; any other human decision may complete a track's run. */
    private Uni<Void> afterDecision(Review review, DecisionInput d) {
        if (review.facts().relaxation()) {
            return review.outcome == Outcome.APPROVE ? relaxation.applyApproved(review, d.decider().name())
                    : Uni.createFrom().voidItem();
        }
        return relaxation.proposalAfter(review).flatMap(proposal -> proposal == null ? Uni.createFrom().voidItem()
                : submissions.create(proposal).replaceWithVoid());
    }
}
