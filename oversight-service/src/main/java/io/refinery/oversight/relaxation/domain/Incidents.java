package io.refinery.oversight.relaxation.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.audit.domain.AuditLog;
import io.refinery.oversight.policy.domain.PolicyDocument;
import io.refinery.oversight.policy.domain.PolicyService;
import io.refinery.oversight.relaxation.advisor.TierShift;
import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.review.domain.ReviewDecisions;
import io.refinery.oversight.review.domain.ReviewLocks;
import io.refinery.oversight.review.rules.ActionTypes;
import io.refinery.oversight.review.rules.ReviewState;
import io.refinery.platform.problem.ConflictProblem;
import io.smallrye.mutiny.Uni;

/**
 * Incidents: a later alert, or a reviewer's rejection, tied to an auto-approved action. Each one tightens the
 * action type's tier by one at once (a new policy version by oversight-service that says why, audited), withdraws a
 * pending relaxation proposal for it, and counts once (by its source). An alert is tied to the system's
 * auto-approved actions of the {@code alert-lookback} before it, of each action type since that type's last tier
 * change, so one alert tightens each such type once and a tightened type is not tightened again by the same past.
 */
@ApplicationScoped
public class Incidents {

    /** An alert as read from refinery.metrics.alerts. */
    public record AlertFired(String eventId, String systemKey, String alertId, String metric, String severity, Instant firedAt) {
    }

    private final PolicyService policies;
    private final ReviewLocks locks;
    private final ReviewDecisions reviews;
    private final RelaxationTracker tracker;
    private final RelaxationConfig config;
    private final AuditLog audit;
    private final Clock clock;

    public Incidents(PolicyService policies, ReviewLocks locks, ReviewDecisions reviews, RelaxationTracker tracker,
            RelaxationConfig config, AuditLog audit, Clock clock) {
        this.policies = policies;
        this.locks = locks;
        this.reviews = reviews;
        this.tracker = tracker;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** A reviewer rejects an auto-approved action after the fact; 409 unless it is AUTO_APPROVED and not yet overridden. */
    @WithTransaction
    public Uni<RelaxationIncident> override(UUID reviewId, String rationale, String actor) {
        return locks.lock(reviewId).flatMap(review -> {
            if (review.state != ReviewState.AUTO_APPROVED) {
                return Uni.createFrom().failure(new ConflictProblem("state", "only an automatic approval can be overridden; "
                        + "this request is " + review.state));
            }
            String key = "override:" + reviewId;
            return RelaxationIncident.<RelaxationIncident> find("sourceKey", key).firstResult().flatMap(existing -> {
                if (existing != null) {
                    return Uni.createFrom().failure(new ConflictProblem("reviewId", "already overridden by "
                            + existing.reportedBy + " at " + existing.occurredAt));
                }
                String reason = "reviewer " + actor + " rejected auto-approved " + review.actionType + " " + reviewId
                        + " after the fact: " + rationale;
                return record(review, RelaxationIncident.Kind.OVERRIDE, key, reason, actor);
            });
        });
    }

    /** Ties a fired alert to the system's recent auto-approved actions; returns the incidents it recorded. */
    @WithTransaction
    public Uni<List<RelaxationIncident>> alertFired(AlertFired alert) {
        if (alert.severity() == null || !config.alertSeverities().contains(alert.severity())) {
            return Uni.createFrom().item(List.of());
        }
        Instant from = alert.firedAt().minus(config.alertLookback());
        return audit.lock().flatMap(x -> policies.latestOrNull(alert.systemKey())).flatMap(versioned -> Review.<Review> find(
                "systemKey = ?1 and state = ?2 and decidedAt >= ?3 and decidedAt <= ?4", Sort.descending("decidedAt"),
                alert.systemKey(), ReviewState.AUTO_APPROVED, from, alert.firedAt()).list().flatMap(autoApproved -> {
                    Map<String, Review> latestPerType = new LinkedHashMap<>();
                    for (Review r : autoApproved) {
                        if (ActionTypes.RELAXATION.equals(r.actionType) || config.alertIgnoredActionTypes().contains(r.actionType)) {
                            continue;
                        }
                        PolicyDocument.ShiftDocument entry = versioned == null ? null : versioned.document().shiftOf(r.actionType);
                        if (entry != null && entry.since() != null && !r.decidedAt.isAfter(entry.since())) {
                            continue;
                        }
                        latestPerType.putIfAbsent(r.actionType, r);
                    }
                    Uni<List<RelaxationIncident>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (Review r : latestPerType.values()) {
                        String key = "alert:" + alert.eventId() + ":" + r.actionType;
                        String reason = alert.severity() + " alert " + alert.alertId() + " on " + alert.metric() + " fired at "
                                + alert.firedAt() + ", within " + config.alertLookback() + " after auto-approved " + r.actionType
                                + " " + r.id;
                        chain = chain.flatMap(list -> RelaxationIncident.count("sourceKey", key).flatMap(n -> n > 0
                                ? Uni.createFrom().item(list)
                                : record(r, RelaxationIncident.Kind.ALERT, key, reason, "metrics-service").map(i -> {
                                    list.add(i);
                                    return list;
                                })));
                    }
                    return chain;
                }));
    }

    @WithSession
    public Uni<List<RelaxationIncident>> of(String systemKey, int limit) {
        return RelaxationIncident.<RelaxationIncident> find("systemKey", Sort.descending("occurredAt"), systemKey)
                .range(0, limit - 1).list();
    }

    /** Records the incident, tightens one tier at once and withdraws a pending proposal; in the caller's transaction. */
    private Uni<RelaxationIncident> record(Review tied, RelaxationIncident.Kind kind, String sourceKey, String reason,
            String reportedBy) {
        String systemKey = tied.systemKey;
        String actionType = tied.actionType;
        return policies.latestOrNull(systemKey).flatMap(versioned -> {
            PolicyDocument.ShiftDocument entry = versioned == null ? null : versioned.document().shiftOf(actionType);
            int before = entry == null ? 0 : entry.shift();
            int after = TierShift.tightened(before);
            RelaxationIncident incident = new RelaxationIncident();
            incident.id = UUID.randomUUID();
            incident.systemKey = systemKey;
            incident.actionType = actionType;
            incident.kind = kind;
            incident.sourceKey = sourceKey;
            incident.reviewId = tied.id;
            incident.reportedBy = reportedBy;
            incident.occurredAt = now();
            incident.shiftBefore = before;
            incident.shiftAfter = after;
            String why = "incident: " + reason + (after == before ? "; the tier shift is already +" + TierShift.MAX
                    : "; tightened one tier (tier shift " + before + " → " + after + ")");
            incident.reason = why;
            Uni<Void> tighten = after == before ? Uni.createFrom().voidItem()
                    : policies.shift(systemKey, actionType, after, why, Review.AUTO_DECIDER,
                            Map.of("reason", why, "incidentId", incident.id.toString(), "fromShift", before, "toShift", after))
                            .invoke(v -> incident.policyVersion = v.row().version).replaceWithVoid();
            return tighten.flatMap(x -> incident.<RelaxationIncident> persist())
                    .call(() -> audit.append(reportedBy, "RELAXATION_INCIDENT", systemKey, incident.id.toString(),
                            Map.of("kind", kind.name(), "actionType", actionType, "reviewId", tied.id.toString(),
                                    "reason", why, "fromShift", before, "toShift", after)))
                    .call(() -> withdrawPending(systemKey, actionType, why));
        });
    }

    private Uni<Void> withdrawPending(String systemKey, String actionType, String why) {
        return Review.<Review> list("systemKey = ?1 and actionType = ?2 and state = ?3", systemKey,
                ActionTypes.RELAXATION, ReviewState.PENDING).flatMap(pending -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Review p : pending) {
                        if (actionType.equals(tracker.targetOf(p))) {
                            chain = chain.call(() -> reviews.withdraw(p, why));
                        }
                    }
                    return chain;
                });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
