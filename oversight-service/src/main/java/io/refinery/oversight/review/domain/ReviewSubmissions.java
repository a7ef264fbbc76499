package io.refinery.oversight.review.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.oversight.audit.domain.AuditLog;
import io.refinery.oversight.policy.domain.PolicyService;
import io.refinery.oversight.policy.domain.RiskSignals;
import io.refinery.oversight.policy.tiers.Policy;
import io.refinery.oversight.policy.tiers.Resolution;
import io.refinery.oversight.policy.tiers.Subject;
import io.refinery.oversight.policy.tiers.TierResolver;
import io.refinery.oversight.review.rules.ActionTypes;
import io.refinery.oversight.review.rules.Outcome;
import io.refinery.oversight.review.rules.ReviewState;
import io.refinery.oversight.review.rules.SubmissionRules;
import io.refinery.oversight.system.domain.AiSystemRepository;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.smallrye.mutiny.Uni;

/**
 * Requests into the queue. Submission resolves the tier ({@link TierResolver}, then {@link SubmissionRules}) and
 * either records an automatic approval (EXCEPTION_HANDLING, published as a decision) or queues the request with a
 * due time. Idempotent on the review id and on the source event id. Every step is audited.
 */
@ApplicationScoped
public class ReviewSubmissions {

    /** The stored review, and whether this call created it (false: an idempotent repeat). */
    public record Submitted(Review review, boolean created) {
    }

    private final AiSystemRepository systems;
    private final PolicyService policies;
    private final AuditLog audit;
    private final DecisionEvents decisions;
    private final Clock clock;

    public ReviewSubmissions(AiSystemRepository systems, PolicyService policies, AuditLog audit, DecisionEvents decisions,
            Clock clock) {
        this.systems = systems;
        this.policies = policies;
        this.audit = audit;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** A request from outside; OVERSIGHT_RELAXATION is refused (only this service opens those, from the track). */
    @WithTransaction
    public Uni<Submitted> submit(Submission s) {
        if (ActionTypes.RELAXATION.equals(s.actionType())) {
            return Uni.createFrom().failure(new InvalidFieldsProblem("actionType", ActionTypes.RELAXATION
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

    /** Stores a new review in the caller's transaction; the relaxation track opens its proposals here. */
    public Uni<Submitted> create(Submission s) {
        return systems.findByKey(s.systemKey()).flatMap(system -> policies.latestOrNull(s.systemKey()).flatMap(versioned -> {
            Policy policy = versioned == null ? Policy.none() : versioned.policy();
            Resolution r = SubmissionRules.withRelaxationFloor(s.actionType(), TierResolver.resolve(policy,
                    RiskSignals.of(system), new Subject(s.actionType(), s.magnitude(), s.amount(), s.confidence(), s.category())));
            Review review = newReview(s, r, versioned == null ? null : versioned.row().version);
            Uni<Review> saved = review.<Review> persist().call(() -> audit.append(s.submittedBy(), "REVIEW_SUBMITTED",
                    s.systemKey(), s.id().toString(), submittedDetails(s, review)));
            if (review.state == ReviewState.AUTO_APPROVED) {
                saved = saved.call(() -> audit.append(Review.AUTO_DECIDER, "REVIEW_AUTO_APPROVED", s.systemKey(),
                        s.id().toString(), Map.of("rationale", review.rationale)))
                        .call(() -> decisions.decided(review, List.of(), true));
            }
            return saved.map(x -> new Submitted(review, true));
        }));
    }

    private Review newReview(Submission s, Resolution r, Integer policyVersion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
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
        review.policyVersion = policyVersion;
        review.resolution = String.join("; ", r.reasons());
        review.escalationRole = r.escalationRole();
        review.createdAt = now;
        review.state = SubmissionRules.initialState(r.tier());
        if (review.state == ReviewState.AUTO_APPROVED) {
            review.dueAt = now;
            review.decidedAt = now;
            review.decidedBy = Review.AUTO_DECIDER;
            review.outcome = Outcome.APPROVE;
            review.rationale = "auto-approved under EXCEPTION_HANDLING: " + review.resolution;
        } else {
            review.dueAt = now.plus(r.sla());
        }
        return review;
    }

    private static Map<String, Object> submittedDetails(Submission s, Review review) {
        Map<String, Object> details = new HashMap<>();
        details.put("actionType", s.actionType());
        details.put("tier", review.tier.name());
        details.put("requiredApprovals", review.requiredApprovals);
        details.put("resolution", review.resolution);
        details.put("policyVersion", review.policyVersion == null ? "none" : review.policyVersion);
        details.put("source", s.sourceService() == null ? "http" : s.sourceService() + "/" + s.sourceEventId());
        return details;
    }
}
