package io.refinery.oversight.review.domain;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.audit.domain.AuditLog;
import io.refinery.oversight.review.rules.SessionRules;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;

/**
 * DEEP_COLLABORATION requests are worked in a session: people join, post notes and evidence links, and decide
 * jointly. Who may take part and when the session may decide is {@link SessionRules}; the joint decision is recorded
 * (audit, decision event) with every participant's name.
 */
@ApplicationScoped
public class CollaborationSessions {

    public record Session(Review review, List<SessionParticipant> participants, List<SessionEntry> entries) {
    }

    private final ReviewLocks locks;
    private final ReviewDecisions decisions;
    private final AuditLog audit;
    private final Clock clock;

    public CollaborationSessions(ReviewLocks locks, ReviewDecisions decisions, AuditLog audit, Clock clock) {
        this.locks = locks;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Session> join(UUID id, String person) {
        return open(id).call(review -> RuleProblems.refuseIf(SessionRules.join(review.facts(), person)))
                .flatMap(review -> SessionParticipant.<SessionParticipant> find("reviewId = ?1 and person = ?2", id, person)
                        .firstResult().flatMap(existing -> {
                            if (existing != null) {
                                return Uni.createFrom().voidItem();
                            }
                            SessionParticipant p = new SessionParticipant();
                            p.reviewId = id;
                            p.person = person;
                            p.joinedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                            return p.persist().call(() -> audit.append(person, "SESSION_JOINED", review.systemKey,
                                    id.toString(), Map.of())).replaceWithVoid();
                        })
                        .flatMap(x -> load(review)));
    }

    @WithTransaction
    public Uni<Session> post(UUID id, String author, String body, String link) {
        return open(id).flatMap(review -> participants(id)
                .call(people -> RuleProblems.refuseIf(SessionRules.participant(people, author))).flatMap(x -> {
                    SessionEntry e = new SessionEntry();
                    e.id = UUID.randomUUID();
                    e.reviewId = id;
                    e.author = author;
                    e.body = body;
                    e.link = link;
                    e.postedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    return e.persist().call(() -> audit.append(author, "SESSION_NOTE", review.systemKey, id.toString(),
                            link == null ? Map.of("body", body) : Map.of("body", body, "link", link)))
                            .flatMap(y -> load(review));
                }));
    }

    @WithTransaction
    public Uni<Review> decide(UUID id, DecisionInput d) {
        return open(id).flatMap(review -> participants(id)
                .call(people -> RuleProblems.refuseIf(SessionRules.participant(people, d.decider().name())))
                .call(people -> RuleProblems.refuseIf(SessionRules.jointDecision(people)))
                .flatMap(people -> decisions.finishJointly(review, d, people)));
    }

    @WithSession
    public Uni<Session> get(UUID id) {
        return Review.<Review> findById(id).onItem().ifNull().failWith(() -> new NotFoundProblem("no review with id " + id))
                .flatMap(this::load);
    }

    private Uni<Session> load(Review review) {
        return participantRows(review.id).flatMap(people -> SessionEntry.<SessionEntry> find("reviewId", Sort.by("postedAt"),
                review.id).list().map(entries -> new Session(review, people, entries)));
    }

    private Uni<List<SessionParticipant>> participantRows(UUID id) {
        return SessionParticipant.<SessionParticipant> find("reviewId", Sort.by("joinedAt"), id).list();
    }

    private Uni<List<String>> participants(UUID id) {
        return participantRows(id).map(rows -> rows.stream().map(p -> p.person).toList());
    }

    private Uni<Review> open(UUID id) {
        return locks.lock(id).call(review -> RuleProblems.refuseIf(SessionRules.open(review.facts())));
    }
}
