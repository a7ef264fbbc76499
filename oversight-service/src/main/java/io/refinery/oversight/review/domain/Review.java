package io.refinery.oversight.review.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.rules.Outcome;
import io.refinery.oversight.review.rules.ReviewFacts;
import io.refinery.oversight.review.rules.ReviewState;

/** A request for human oversight of one AI action, with the tier it got and, once decided, the decision. */
@Entity
@Table(name = "reviews")
public class Review extends PanacheEntityBase {

    /** Who decides automatically: this service, for EXCEPTION_HANDLING requests and withdrawn proposals. */
    public static final String AUTO_DECIDER = "oversight-service";

    @Id
    public UUID id;
    /** The id the client sent when it was not a UUID (README, "Ids"; {@link ReviewIds}); null when it was {@link #id}. */
    @Column(name = "client_id", updatable = false)
    public String clientId;
    @Column(name = "system_key", nullable = false, updatable = false)
    public String systemKey;
    @Column(name = "action_type", nullable = false, updatable = false)
    public String actionType;
    @Column(nullable = false)
    public String summary;
    /** The request's payload as JSON text. */
    @Column(nullable = false)
    public String payload;
    public Double magnitude;
    public Double amount;
    public Double confidence;
    public String category;
    @Column(name = "source_service")
    public String sourceService;
    @Column(name = "source_event_id")
    public String sourceEventId;
    /** The token's sub for HTTP submissions, the sending service for events: never its decider. */
    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Tier tier;
    @Column(name = "required_approvals", nullable = false)
    public int requiredApprovals;
    @Column(name = "policy_version")
    public Integer policyVersion;
    /** Why the tier: the resolver's reasons joined by "; ". */
    @Column(nullable = false)
    public String resolution;
    @Column(name = "escalation_role", nullable = false)
    public String escalationRole;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReviewState state;
    public String assignee;
    @Column(name = "due_at", nullable = false)
    public Instant dueAt;
    @Column(name = "escalated_at")
    public Instant escalatedAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    public String rationale;
    public String modifications;

    /** What the rules of {@code review.rules} need to know of this review. */
    public ReviewFacts facts() {
        return new ReviewFacts(id, state, submittedBy, decidedBy, actionType, tier, requiredApprovals, assignee);
    }
}
