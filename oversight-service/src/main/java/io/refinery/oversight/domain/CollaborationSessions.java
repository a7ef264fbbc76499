package io.refinery.oversight.domain;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.refinery.oversight.policy.Tier;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.RefusedProblem;

/**
 * DEEP_COLLABORATION requests are worked in a session: people join, post notes and evidence links, and decide
 * jointly. The joint decision needs at least {@link #MIN_PARTICIPANTS} participants, is made by one of them, and
 * is recorded (audit, decision event) with every participant's name. The submitter cannot take part.
 */
@ApplicationScoped
public class CollaborationSessions {

    public static final int MIN_PARTICIPANTS = 2;

    public record Session(Review review, List<SessionParticipant> participants, List<SessionEntry> entries) {
    }

    private final ReviewService reviews;
    private final AuditLog audit;
    private final Clock clock;

    public CollaborationSessions(ReviewService reviews, AuditLog audit, Clock clock) {
        this.reviews = reviews;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Session> join(UUID id, String person) {
        return open(id).flatMap(review -> {
            if (person.equals(review.submittedBy)) {
                return Uni.createFrom().failure(new RefusedProblem("participant", "the submitter cannot join the session"));
            }
            return SessionParticipant.<SessionParticipant> find("reviewId = ?1 and person = ?2", id, person).firstResult()
                    .flatMap(existing -> {
                        if (existing != null) {
                            return Uni.createFrom().voidItem();
                        }
                        SessionParticipant p = new SessionParticipant();
                        p.reviewId = id;
                        p.person = person;
                        p.joinedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                        return p.persist().call(() -> audit.append(person, "SESSION_JOINED", review.systemKey, id.toString(),
                                Map.of())).replaceWithVoid();
                    })
                    .flatMap(x -> load(review));
        });
    }

    @WithTransaction
    public Uni<Session> post(UUID id, String author, String body, String link) {
        return open(id).flatMap(review -> requireParticipant(id, author).flatMap(x -> {
            SessionEntry e = new SessionEntry();
            e.id = UUID.randomUUID();
            e.reviewId = id;
            e.author = author;
            e.body = body;
            e.link = link;
            e.postedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return e.persist().call(() -> audit.append(author, "SESSION_NOTE", review.systemKey, id.toString(),
                    link == null ? Map.of("body", body) : Map.of("body", body, "link", link))).flatMap(y -> load(review));
        }));
    }

    @WithTransaction
    public Uni<Review> decide(UUID id, ReviewService.DecisionInput d) {
        return open(id).flatMap(review -> requireParticipant(id, d.decider()).flatMap(x -> participants(id)).flatMap(people -> {
            if (people.size() < MIN_PARTICIPANTS) {
                return Uni.createFrom().failure(new ConflictProblem("participants", "a joint decision needs at least "
                        + MIN_PARTICIPANTS + " participants; the session has " + people.size()));
            }
            return reviews.finishJointly(review, d, people.stream().map(p -> p.person).toList());
        }));
    }

    @WithSession
    public Uni<Session> get(UUID id) {
        return Review.<Review> findById(id).onItem().ifNull().failWith(() -> new NotFoundProblem("no review with id " + id))
                .flatMap(this::load);
    }

    private Uni<Session> load(Review review) {
        return participants(review.id).flatMap(people -> SessionEntry.<SessionEntry> find("reviewId", Sort.by("postedAt"), review.id)
                .list().map(entries -> new Session(review, people, entries)));
    }

    private Uni<List<SessionParticipant>> participants(UUID id) {
        return SessionParticipant.<SessionParticipant> find("reviewId", Sort.by("joinedAt"), id).list();
    }

    private Uni<Void> requireParticipant(UUID id, String person) {
        return SessionParticipant.<SessionParticipant> find("reviewId = ?1 and person = ?2", id, person).firstResult()
                .flatMap(p -> p == null ? Uni.createFrom().failure(new ConflictProblem("participant",
                        person + " has not joined this session")) : Uni.createFrom().voidItem());
    }

    private Uni<Review> open(UUID id) {
        return audit.lock().flatMap(x -> Review.<Review> findById(id, LockModeType.PESSIMISTIC_WRITE)).flatMap(review -> {
            if (review == null) {
                return Uni.createFrom().failure(new NotFoundProblem("no review with id " + id));
            }
            if (review.tier != Tier.DEEP_COLLABORATION) {
                return Uni.createFrom().failure(new ConflictProblem("tier", "only DEEP_COLLABORATION requests have a session"));
            }
            if (review.state != Review.State.PENDING) {
                return Uni.createFrom().failure(new ConflictProblem("state", "the request was already decided (" + review.state + ")"));
            }
            return Uni.createFrom().item(review);
        });
    }
}
